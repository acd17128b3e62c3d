// Row shape of every benchmark and the "not run" row used when a dependency is missing.

/**
 * @typedef {object} BenchRow
 * @property {string} benchmark  Which benchmark (one of the six of issue 7).
 * @property {string} subject    What was measured (ours, a peer, a configuration).
 * @property {number|string|null} figure  The measurement, or `null` when not run.
 * @property {string} unit
 * @property {string|null} baseline        What the figure is compared with.
 * @property {number|string|null} baselineFigure
 * @property {number|null} ratio           figure / baselineFigure.
 * @property {string|null} target          The issue's target for this row, if any.
 * @property {boolean|null} met            `null` when the row has no target or did not run.
 * @property {string} [note]               Why not run, or context for the figure.
 */

/** A row with defaults for the optional comparison fields. */
export function row(fields) {
  return {
    baseline: null,
    baselineFigure: null,
    ratio: null,
    target: null,
    met: null,
    ...fields,
  };
}

/** A row that says why a measurement was not taken instead of crashing the run. */
export function notRun(benchmark, subject, reason, extra = {}) {
  return row({ benchmark, subject, figure: null, unit: '', note: `not run: ${reason}`, ...extra });
}

/** Short message of an error, without a stack. */
export function reasonOf(err) {
  // esbuild's own errors carry the useful text in `errors[0]`.
  const first = err?.errors?.[0];
  const message = first
    ? `${first.text}${first.location ? ` (${first.location.file})` : ''}`
    : err instanceof Error
      ? err.message
      : String(err);
  return message.split('\n')[0].slice(0, 400);
}
