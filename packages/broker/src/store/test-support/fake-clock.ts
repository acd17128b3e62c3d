/** A controllable clock for store tests: starts at a fixed instant, moves only when told. */
export interface FakeClock {
  now: () => number;
  advance(ms: number): void;
}

/** Creates a fake clock starting at `start` epoch milliseconds (default 2026-01-01). */
export function createFakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}
