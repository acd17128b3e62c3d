import { describe, expect, it } from 'vitest';
import { driftWindowSeconds, p99Drift } from './soak-figures';

describe('soak p99 drift', () => {
  it('compares the first and the last minute of a long run', () => {
    // 600 s, one request per second: 10 ms throughout, 30 ms in the last minute.
    const at = Array.from({ length: 600 }, (_, i) => i + 1);
    const ms = at.map((t) => (t > 540 ? 30 : 10));
    const d = p99Drift(at, ms, 600);
    expect(d).toMatchObject({ windowSeconds: 60, firstP99Ms: 10, lastP99Ms: 30, ratio: 3 });
    expect(d.met).toBe(false);
  });

  it('meets the target when the last window is within 1.2× the first', () => {
    const at = Array.from({ length: 600 }, (_, i) => i + 1);
    const d = p99Drift(
      at,
      at.map((t) => (t > 540 ? 11 : 10)),
      600,
    );
    expect(d.ratio).toBeCloseTo(1.1);
    expect(d.met).toBe(true);
  });

  it('compares halves when the run is shorter than two minutes', () => {
    expect(driftWindowSeconds(60)).toBe(30);
    expect(driftWindowSeconds(600)).toBe(60);
    expect(driftWindowSeconds(60.008)).toBe(30);
    const d = p99Drift([1, 29, 31, 59], [5, 5, 8, 8], 60);
    expect(d).toMatchObject({ windowSeconds: 30, firstP99Ms: 5, lastP99Ms: 8 });
  });

  it('refuses a window with no request instead of printing a ratio of nothing', () => {
    expect(() => p99Drift([500], [5], 600)).toThrow(TypeError);
    expect(() => p99Drift([1, 2], [5], 600)).toThrow(/one time per latency/);
  });
});
