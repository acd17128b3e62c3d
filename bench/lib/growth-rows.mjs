// Rows of the cost-growth benchmark (suites/cost-growth.mjs): p99 per endpoint and size
// against the smallest size, RSS per size, and the query plan of one list page.
import { row } from './rows.mjs';
import { mean, median, ratio, round } from './stats.mjs';

const MiB = 2 ** 20;

/**
 * p99 rows (one per endpoint and size; ratio = median of per-round ratios to the first
 * size, target ≤ 1.5×) and RSS rows. `done[i].runs[e]` are the rounds of endpoint `e`.
 */
export function growthRows(bench, done, eps, { connections, duration }) {
  const rows = [];
  const first = done[0];
  eps.forEach((ep, e) => {
    for (const x of done) {
      const runs = x.runs[e];
      const isBase = x === first;
      const p99 = round(median(runs.map((r) => r.p99)), 2);
      const paired = isBase
        ? []
        : runs.map((r, i) => r.p99 / (first.runs[e][i]?.p99 ?? Number.NaN)).filter(Number.isFinite);
      const p99Ratio = paired.length > 0 ? round(median(paired), 2) : null;
      rows.push(
        row({
          benchmark: bench,
          subject: `${ep.label} p99, ${x.label}`,
          figure: p99,
          unit: 'ms',
          baseline: isBase ? null : first.label,
          baselineFigure: isBase ? null : round(median(first.runs[e].map((r) => r.p99)), 2),
          ratio: p99Ratio,
          target: isBase ? null : '≤ 1.5× the 1k figure',
          met: p99Ratio === null ? null : p99Ratio <= 1.5,
          note:
            `median of ${runs.length} rounds' p99 (${runs.map((r) => r.p99).join(', ')} ms), rounds alternating between sizes` +
            (paired.length > 0
              ? `; ratio = median of per-round ratios (${paired.map((v) => v.toFixed(2)).join(', ')})`
              : '') +
            `; ${Math.round(mean(runs.map((r) => r.rps)))} req/s, p50 ${median(runs.map((r) => r.p50))} ms; ` +
            `${connections} connections, ${duration} s per round` +
            (e === 0 ? `; rows seeded in ${x.seedS.toFixed(1)} s` : ''),
        }),
      );
    }
  });
  for (const x of done) {
    const isBase = x === first;
    rows.push(
      row({
        benchmark: bench,
        subject: `broker RSS, ${x.label}`,
        figure: round(x.rss / MiB, 0),
        unit: 'MiB',
        baseline: isBase ? null : first.label,
        baselineFigure: isBase ? null : round(first.rss / MiB, 0),
        ratio: isBase ? null : ratio(x.rss, first.rss),
      }),
    );
  }
  return rows;
}

/**
 * Whether a plan reads only through indexes: every table access is a SEARCH using an index
 * (or the primary key), and no temporary b-tree sorts the rows.
 */
export function indexBacked(plan) {
  const access = plan.filter((d) => /^(SCAN|SEARCH) /.test(d));
  return (
    access.length > 0 &&
    access.every((d) =>
      /^SEARCH \S+ USING (COVERING )?(INDEX|PRIMARY KEY|INTEGER PRIMARY KEY)/.test(d),
    ) &&
    !plan.some((d) => /TEMP B-TREE/.test(d))
  );
}

/** One row per list page at the largest size: statements the store ran for it, and its plan. */
export function planRows(bench, x, log) {
  return Object.entries(x.pages).map(([page, { executed, plans }]) => {
    const ok = executed.length === 1 && plans.every(indexBacked);
    const text = plans.map((p) => p.join(' → ')).join(' ‖ ');
    log(`${page} at ${x.label}: ${executed.length} statement(s); EXPLAIN QUERY PLAN: ${text}`);
    for (const { sql } of executed) log(`  ${sql}`);
    return row({
      benchmark: bench,
      subject: `${page.replace('payout_link', 'payout link')}, ${x.label}: statements per page (store)`,
      figure: executed.length,
      unit: 'statements',
      target: '1, index-backed',
      met: ok,
      note: `EXPLAIN QUERY PLAN: ${text}`,
    });
  });
}
