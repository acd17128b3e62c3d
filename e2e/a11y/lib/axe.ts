import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource: string = (require('axe-core') as { source: string }).source;

/** WCAG 2.1 A and AA: the tags every audit runs. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/** One violated rule, reduced to what a report needs to locate it. */
export interface A11yViolation {
  rule: string;
  impact: string;
  help: string;
  /** CSS selectors (as axe prints them) of the failing nodes, with axe's failure summary. */
  nodes: { target: string; html: string; summary: string }[];
}

/** The outcome of one axe run over one page. */
export interface A11yAudit {
  /** Rules axe ran for the WCAG tags (passed + violated + needs review + not applicable). */
  rulesChecked: number;
  /** Rules that found at least one element to test (passed + violated + needs review). */
  rulesApplied: number;
  violations: A11yViolation[];
  /** Rules axe could not decide (e.g. contrast over an image); reported, not failed. */
  incomplete: string[];
}

/**
 * Injects axe-core into the page's main frame (idempotent) and runs it with
 * `runOnly` = WCAG 2.1 A + AA tags. Frames inside the page are not audited: every page
 * that appears in an iframe is audited on its own at its own URL.
 */
export async function runAxe(page: Page): Promise<A11yAudit> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axeSource);
  const results = (await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run(
        document,
        { runOnly: { type: 'tag', values: tags }, iframes: false, resultTypes: ['violations'] },
      ),
    [...WCAG_TAGS],
  )) as AxeResults;
  return {
    rulesChecked:
      results.passes.length +
      results.violations.length +
      results.incomplete.length +
      results.inapplicable.length,
    rulesApplied: results.passes.length + results.violations.length + results.incomplete.length,
    violations: results.violations.map(toViolation),
    incomplete: results.incomplete.map((r) => r.id),
  };
}

function toViolation(r: Result): A11yViolation {
  return {
    rule: r.id,
    impact: r.impact ?? 'unknown',
    help: r.help,
    nodes: r.nodes.map((n) => ({
      target: n.target.map(String).join(' >>> '),
      html: n.html.slice(0, 200),
      summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
    })),
  };
}

/** Human-readable list of violations, one line per failing node, for assertion messages. */
export function describeViolations(where: string, violations: A11yViolation[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${where}: [${v.rule}] (${v.impact}) ${v.help} — ${n.target} — ${n.summary}`,
      ),
    )
    .join('\n');
}
