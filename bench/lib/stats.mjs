// Small numeric helpers shared by the suites.

/** The p-th percentile (0–100) of `values` by nearest rank; `null` for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Arithmetic mean; `null` for an empty list. */
export function mean(values) {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Rounds to `digits` decimals (keeps `null`). */
export function round(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** `a / b` rounded to 2 decimals, or `null` when either side is missing or b is 0. */
export function ratio(a, b) {
  if (a === null || b === null || a === undefined || b === undefined || b === 0) return null;
  return round(a / b, 2);
}

/** High-resolution wall-clock milliseconds, comparable across processes on one machine. */
export function nowMs() {
  return performance.timeOrigin + performance.now();
}

/** The median (mean of the two middle values for an even count); `null` for an empty list. */
export function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
