import { expect, it } from 'vitest';
import type { StoreContractContext } from '../store-contract';

/** Contract cases of the rate-limit port. */
export function rateLimitCases(get: () => StoreContractContext): void {
  it('counts hits in a fixed window and starts a new window when it ends', async () => {
    const { store, clock } = get();
    const start = clock.now();
    expect(await store.hitRateLimit('ip:1', 60_000)).toEqual({
      hits: 1,
      resetAt: start + 60_000,
    });
    clock.advance(30_000);
    expect(await store.hitRateLimit('ip:1', 60_000)).toEqual({
      hits: 2,
      resetAt: start + 60_000,
    });
    expect(await store.hitRateLimit('ip:2', 60_000)).toEqual({
      hits: 1,
      resetAt: start + 90_000,
    });
    clock.advance(30_000);
    expect(await store.hitRateLimit('ip:1', 60_000)).toEqual({
      hits: 1,
      resetAt: start + 120_000,
    });
  });

  it('decrements and resets a key', async () => {
    const { store } = get();
    await store.hitRateLimit('k', 1_000);
    await store.hitRateLimit('k', 1_000);
    await store.decrementRateLimit('k');
    expect((await store.hitRateLimit('k', 1_000)).hits).toBe(2);
    await store.decrementRateLimit('k');
    await store.decrementRateLimit('k');
    await store.decrementRateLimit('k');
    expect((await store.hitRateLimit('k', 1_000)).hits).toBe(1);
    await store.resetRateLimit('k');
    await store.decrementRateLimit('missing');
    expect((await store.hitRateLimit('k', 1_000)).hits).toBe(1);
  });

  it('counts 20 concurrent hits exactly', async () => {
    const { store } = get();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.hitRateLimit('burst', 60_000)),
    );
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(new Set(results.map((r) => r.resetAt)).size).toBe(1);
  });
}
