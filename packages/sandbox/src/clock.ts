/** A timer scheduled on the emulated clock. */
interface ClockTimer {
  due: number;
  fn: () => void;
  handle: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The sandbox's emulated clock: real time plus an offset that `advance()` moves forward.
 * Timers scheduled with `setTimeout` fire either when their real delay elapses or as soon
 * as `advance()` carries the emulated time past their due time, whichever comes first,
 * so status progressions, expiries and webhook retries all follow `/_sandbox/clock/advance`.
 */
export interface SandboxClock {
  /** Emulated time in epoch milliseconds. */
  now(): number;
  /** Runs `fn` after `ms` emulated milliseconds; returns a cancel function. */
  setTimeout(fn: () => void, ms: number): () => void;
  /** Moves emulated time forward and runs every timer that became due, in due order. */
  advance(ms: number): void;
  /** Cancels every pending timer (used by reset and close). */
  clear(): void;
}

/**
 * Creates an emulated clock over `base` (default `Date.now`). Offsets accumulate across
 * `advance` calls; real timers are unref'd so they never keep a process alive.
 */
export function createClock(base: () => number = Date.now): SandboxClock {
  let offset = 0;
  const timers = new Set<ClockTimer>();
  const now = () => base() + offset;

  const fire = (timer: ClockTimer) => {
    if (!timers.delete(timer)) return;
    if (timer.handle) clearTimeout(timer.handle);
    timer.fn();
  };

  return {
    now,
    setTimeout(fn, ms) {
      const timer: ClockTimer = { due: now() + ms, fn, handle: undefined };
      timers.add(timer);
      timer.handle = setTimeout(() => fire(timer), Math.max(0, ms));
      timer.handle.unref?.();
      return () => {
        if (timer.handle) clearTimeout(timer.handle);
        timers.delete(timer);
      };
    },
    advance(ms) {
      const target = now() + Math.max(0, ms);
      // Walk time forward timer by timer, so that timers scheduled while firing (status
      // progressions, retries) see the emulated time of their parent and fire too if due.
      for (;;) {
        let next: ClockTimer | undefined;
        for (const t of timers) if (t.due <= target && (!next || t.due < next.due)) next = t;
        if (!next) break;
        if (next.due > now()) offset += next.due - now();
        fire(next);
      }
      if (target > now()) offset += target - now();
    },
    clear() {
      for (const timer of timers) if (timer.handle) clearTimeout(timer.handle);
      timers.clear();
    },
  };
}
