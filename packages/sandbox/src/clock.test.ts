import { describe, expect, it } from 'vitest';
import { createClock } from './clock';

describe('emulated clock', () => {
  it('fires due timers in order on advance, including timers they schedule', () => {
    let base = 1_000;
    const clock = createClock(() => base);
    const seen: string[] = [];
    clock.setTimeout(() => {
      seen.push(`a@${clock.now()}`);
      clock.setTimeout(() => seen.push(`c@${clock.now()}`), 100);
    }, 100);
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 150);
    const cancel = clock.setTimeout(() => seen.push('never'), 120);
    cancel();
    clock.advance(199);
    expect(seen).toEqual(['a@1100', 'b@1150']);
    clock.advance(1);
    expect(seen).toEqual(['a@1100', 'b@1150', 'c@1200']);
    expect(clock.now()).toBe(1200);
    base += 50; // real time moves on too
    expect(clock.now()).toBe(1250);
    clock.clear();
  });

  it('fires timers in real time as well', async () => {
    const clock = createClock();
    const fired = await new Promise<number>((resolve) =>
      clock.setTimeout(() => resolve(clock.now()), 5),
    );
    expect(fired).toBeGreaterThan(0);
  });
});
