import { expect, it } from 'vitest';
import type { StoreContractContext } from '../store-contract';

/** Contract cases of the idempotency port. */
export function idempotencyCases(get: () => StoreContractContext): void {
  it('claims a key once, then reports pending, mismatch and the stored response', async () => {
    const { store } = get();
    expect(await store.claimIdempotency('k1', 'h1', 60_000)).toEqual({ state: 'claimed' });
    expect(await store.claimIdempotency('k1', 'h1', 60_000)).toEqual({ state: 'pending' });
    expect(await store.claimIdempotency('k1', 'h2', 60_000)).toEqual({ state: 'mismatch' });
    const body = {
      id: 'flow_1',
      steps: ['compliance'],
      nested: { n: 1, list: [1, 'two', null] },
    };
    await store.completeIdempotency('k1', 201, body);
    expect(await store.claimIdempotency('k1', 'h1', 60_000)).toEqual({
      state: 'done',
      status: 201,
      body,
    });
    expect(await store.claimIdempotency('k1', 'h2', 60_000)).toEqual({ state: 'mismatch' });
    expect(await store.claimIdempotency('k2', 'h1', 60_000)).toEqual({ state: 'claimed' });
  });

  it('releases a failed claim so that a retry can claim it, but never forgets a done key', async () => {
    const { store } = get();
    await store.claimIdempotency('k1', 'h1', 60_000);
    await store.releaseIdempotency('k1');
    expect(await store.claimIdempotency('k1', 'h2', 60_000)).toEqual({ state: 'claimed' });
    await store.completeIdempotency('k1', 200, { ok: true });
    await store.releaseIdempotency('k1');
    expect(await store.claimIdempotency('k1', 'h2', 60_000)).toEqual({
      state: 'done',
      status: 200,
      body: { ok: true },
    });
    await store.releaseIdempotency('never-claimed');
    await store.completeIdempotency('never-claimed', 200, {});
    expect(await store.claimIdempotency('never-claimed', 'h', 60_000)).toEqual({
      state: 'claimed',
    });
  });

  it('expires pending and done keys after their ttl', async () => {
    const { store, clock } = get();
    await store.claimIdempotency('k1', 'h1', 1_000);
    clock.advance(999);
    expect(await store.claimIdempotency('k1', 'h1', 1_000)).toEqual({ state: 'pending' });
    clock.advance(1);
    expect(await store.claimIdempotency('k1', 'h2', 1_000)).toEqual({ state: 'claimed' });
    await store.completeIdempotency('k1', 201, 'body');
    clock.advance(999);
    expect(await store.claimIdempotency('k1', 'h2', 1_000)).toEqual({
      state: 'done',
      status: 201,
      body: 'body',
    });
    clock.advance(1);
    expect(await store.claimIdempotency('k1', 'h3', 1_000)).toEqual({ state: 'claimed' });
  });

  it('lets a pending claim be taken over after its lease (default 15 s), but not a done one', async () => {
    const { store, clock } = get();
    const day = 86_400_000;
    expect(store.idempotencyLeaseMs).toBe(15_000);
    await store.claimIdempotency('k1', 'h1', day);
    clock.advance(14_999);
    expect(await store.claimIdempotency('k1', 'h1', day)).toEqual({ state: 'pending' });
    clock.advance(1);
    expect(await store.claimIdempotency('k1', 'h1', day)).toEqual({ state: 'claimed' });
    expect(await store.claimIdempotency('k1', 'h1', day)).toEqual({ state: 'pending' });
    await store.completeIdempotency('k1', 201, { id: 'f1' });
    clock.advance(day - 1);
    expect(await store.claimIdempotency('k1', 'h1', day)).toEqual({
      state: 'done',
      status: 201,
      body: { id: 'f1' },
    });
    clock.advance(1);
    expect(await store.claimIdempotency('k1', 'h1', day)).toEqual({ state: 'claimed' });
  });

  it('keeps a renewed claim from being taken over, until renewals stop', async () => {
    const { store, clock } = get();
    const day = 86_400_000;
    await store.claimIdempotency('k1', 'h1', day);
    for (let i = 0; i < 6; i++) {
      clock.advance(10_000);
      await store.renewIdempotencyLease('k1');
      expect(await store.claimIdempotency('k1', 'h1', day)).toEqual({ state: 'pending' });
    }
    clock.advance(14_999);
    expect(await store.claimIdempotency('k1', 'h1', day)).toEqual({ state: 'pending' });
    clock.advance(1);
    expect(await store.claimIdempotency('k1', 'h1', day)).toEqual({ state: 'claimed' });
    // Renewing a done key leaves it done (replayed, not reopened).
    await store.completeIdempotency('k1', 201, { id: 'f1' });
    await store.renewIdempotencyLease('k1');
    clock.advance(60_000);
    expect(await store.claimIdempotency('k1', 'h1', day)).toEqual({
      state: 'done',
      status: 201,
      body: { id: 'f1' },
    });
  });

  it('gives exactly one of 20 concurrent claims of the same key', async () => {
    const { store } = get();
    const claims = await Promise.all(
      Array.from({ length: 20 }, () => store.claimIdempotency('hot', 'h', 60_000)),
    );
    expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.state === 'pending')).toHaveLength(19);
  });

  it('gives exactly one of 20 concurrent claims of an expired key', async () => {
    const { store, clock } = get();
    await store.claimIdempotency('stale', 'h', 1_000);
    clock.advance(5_000);
    const claims = await Promise.all(
      Array.from({ length: 20 }, () => store.claimIdempotency('stale', 'h', 60_000)),
    );
    expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
  });
}
