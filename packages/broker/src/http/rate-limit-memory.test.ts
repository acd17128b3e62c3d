import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ipKey } from './rate-limit';

// Its own file: the memo is module state, and this test needs it empty at the start.
describe('ipKey memory', () => {
  it('does not keep strings longer than an address (a forwarded header full of junk)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    // 9,000 distinct 8 KiB "addresses" (fewer than the 10,000 kept): kept, they hold ~74 MB.
    for (let i = 0; i < 9_000; i++) {
      // A flat string of its own (a template would share one 8 KiB string among all).
      const bytes = Buffer.alloc(8 * 1024, 'x');
      bytes.write(String(i));
      const junk = bytes.toString('latin1');
      expect(ipKey(junk)).toBe(junk);
    }
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20 * 1024 * 1024);
  });
});
