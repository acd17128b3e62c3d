import type { A11yAudit } from './axe';

/** What one audited page or story contributes to the printed table. */
export interface A11yRow {
  /** Which suite the row belongs to (e.g. `sandbox`, `storybook`). */
  group: string;
  /** Page or story, e.g. `flow compliance (dark)` or `components-payoutstatus--completed`. */
  name: string;
  rulesChecked: number;
  rulesApplied: number;
  violations: number;
  /** `rule×nodes` for each violated rule. */
  violatedRules: string[];
  /** Rules axe could not decide here (needs a human look). */
  incomplete: string[];
}

/** The slice of a vitest task this module writes into (`task.meta`). */
interface MetaCarrier {
  meta: object;
}

/**
 * Appends an audit to the running test's `task.meta.a11y` (a test may audit several
 * screens), which the table reporter (`lib/table-reporter.ts`) reads once the run ends.
 */
export function recordAudit(task: MetaCarrier, group: string, name: string, audit: A11yAudit) {
  const row: A11yRow = {
    group,
    name,
    rulesChecked: audit.rulesChecked,
    rulesApplied: audit.rulesApplied,
    violations: audit.violations.reduce((n, v) => n + v.nodes.length, 0),
    violatedRules: audit.violations.map((v) => `${v.rule}×${v.nodes.length}`),
    incomplete: audit.incomplete,
  };
  const meta = task.meta as { a11y?: A11yRow[] };
  meta.a11y = [...(meta.a11y ?? []), row];
}
