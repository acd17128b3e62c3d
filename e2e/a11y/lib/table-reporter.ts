import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';
import type { A11yRow } from './record';

/** Renders rows as a Markdown table (what the issue's closing note pastes). */
export function renderTable(rows: A11yRow[]): string {
  const head = '| suite | page or story | rules checked (applied) | violations | needs review |';
  const sep = '|---|---|---|---|---|';
  const lines = rows.map(
    (r) =>
      `| ${r.group} | ${r.name} | ${r.rulesChecked} (${r.rulesApplied}) | ${
        r.violations === 0 ? '0' : `${r.violations}: ${r.violatedRules.join(', ')}`
      } | ${r.incomplete.join(', ') || '–'} |`,
  );
  const total = rows.reduce((n, r) => n + r.violations, 0);
  const failing = rows.filter((r) => r.violations > 0).length;
  const summary = `${rows.length} pages/stories audited (WCAG 2.1 A+AA), ${failing} with violations, ${total} violating nodes in all.`;
  return [head, sep, ...lines, '', summary].join('\n');
}

/**
 * Vitest reporter printing one table of every audit recorded with `recordAudit`, after the
 * run. Set `A11Y_TABLE_OUT=<file>` to also write the table to a file.
 */
export default class TableReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const rows: A11yRow[] = [];
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        rows.push(...((test.meta() as { a11y?: A11yRow[] }).a11y ?? []));
      }
    }
    if (rows.length === 0) return;
    const table = renderTable(rows);
    process.stdout.write(`\n${table}\n\n`);
    if (process.env.A11Y_TABLE_OUT) writeFileSync(process.env.A11Y_TABLE_OUT, `${table}\n`);
  }
}
