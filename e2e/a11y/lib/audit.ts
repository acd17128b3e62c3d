import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeViolations, runAxe } from './axe';
import { recordAudit } from './record';

/** The running test's task (vitest's `TestContext.task`). */
interface TaskLike {
  meta: object;
}

/**
 * Audits the page as it is now, records the row for the table, and fails the test (soft:
 * the test goes on, so one run lists every violation) when axe finds any WCAG 2.1 A/AA
 * violation. Returns the number of violating nodes.
 */
export async function auditPage(
  task: TaskLike,
  page: Page,
  group: string,
  name: string,
  options: { keepPointer?: boolean } = {},
): Promise<number> {
  // Park the pointer so a button the test just clicked is not audited in its hover state
  // (hover states are audited on purpose, by name, where a test wants them).
  if (!options.keepPointer) await page.mouse.move(0, 0);
  const audit = await runAxe(page);
  recordAudit(task, group, name, audit);
  const count = audit.violations.reduce((n, v) => n + v.nodes.length, 0);
  expect.soft(count, describeViolations(`${group} ${name}`, audit.violations)).toBe(0);
  return count;
}
