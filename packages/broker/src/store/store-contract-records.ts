import { expect, it } from 'vitest';
import type { StoreContractContext } from './store-contract';

/** Contract cases for ownership, idempotency and webhook records (see `describeStoreContract`). */
export function recordCases(get: () => StoreContractContext): void {
  // ---------------------------------------------------------------- ownership
  it('records and reads owners; unknown resources have none', async () => {
    const { store } = get();
    await store.recordOwner('flow', 'f1', 'alice');
    expect(await store.getOwner('flow', 'f1')).toEqual({ owner: 'alice', relation: 'owner' });
    expect(await store.getOwner('flow', 'f2')).toBeUndefined();
    expect(await store.getOwner('payout_link', 'f1')).toBeUndefined();
  });

  it('keeps the first owner when the same resource is recorded again', async () => {
    const { store } = get();
    await store.recordOwner('transfer', 't1', 'alice');
    await store.recordOwner('transfer', 't1', 'mallory');
    expect((await store.getOwner('transfer', 't1'))?.owner).toBe('alice');
    await Promise.all(['bob', 'carol', 'dave'].map((o) => store.recordOwner('user', 'u1', o)));
    const winner = (await store.getOwner('user', 'u1'))?.owner;
    expect(['bob', 'carol', 'dave']).toContain(winner);
    const listed = await Promise.all(
      ['bob', 'carol', 'dave'].map((o) => store.listOwned('user', o, 10)),
    );
    expect(listed.flat()).toEqual(['u1']);
    expect(await store.listOwned('user', winner as string, 10)).toEqual(['u1']);
  });

  it('records how a principal relates to a resource; the first record wins, relation included', async () => {
    const { store } = get();
    await store.recordOwner('flow', 'claim-1', 'alice', 'follower');
    await store.recordOwner('flow', 'claim-1', 'alice', 'owner');
    await store.recordOwner('flow', 'own-1', 'alice');
    expect(await store.getOwner('flow', 'claim-1')).toEqual({
      owner: 'alice',
      relation: 'follower',
    });
    expect(await store.getOwner('flow', 'own-1')).toEqual({ owner: 'alice', relation: 'owner' });
    expect(await store.listOwned('flow', 'alice', 10, 'owner')).toEqual(['own-1']);
    expect(await store.listOwned('flow', 'alice', 10, 'follower')).toEqual(['claim-1']);
    expect((await store.listOwned('flow', 'alice', 10)).sort()).toEqual(['claim-1', 'own-1']);
  });

  it('lists owned ids of one kind, newest first, up to the limit', async () => {
    const { store, clock } = get();
    for (const id of ['f1', 'f2', 'f3']) {
      await store.recordOwner('flow', id, 'alice');
      clock.advance(10);
    }
    await store.recordOwner('flow', 'f4', 'bob');
    await store.recordOwner('payout_link', 'pl1', 'alice');
    await store.recordOwner('payout_batch', 'b1', 'alice');
    expect(await store.listOwned('flow', 'alice', 10)).toEqual(['f3', 'f2', 'f1']);
    expect(await store.listOwned('flow', 'alice', 2)).toEqual(['f3', 'f2']);
    expect(await store.listOwned('payout_link', 'alice', 10)).toEqual(['pl1']);
    expect(await store.listOwned('flow', 'bob', 10)).toEqual(['f4']);
    expect(await store.listOwned('transfer', 'alice', 10)).toEqual([]);
  });

  // ---------------------------------------------------------------- idempotency
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

  // ---------------------------------------------------------------- webhooks
  it('stores webhook events once per svix id', async () => {
    const { store, clock } = get();
    const event = {
      svixId: 'msg_1',
      type: 'flow.updated',
      payload: { data: { id: 'f1' } },
      receivedAt: clock.now(),
    };
    expect(await store.insertWebhookEvent(event)).toBe(true);
    expect(await store.insertWebhookEvent({ ...event, payload: { other: true } })).toBe(false);
    expect(await store.countWebhookEvents()).toBe(1);
    expect(await store.insertWebhookEvent({ ...event, svixId: 'msg_2' })).toBe(true);
    expect(await store.countWebhookEvents()).toBe(2);
  });

  it('accepts exactly one of 20 concurrent deliveries of the same webhook', async () => {
    const { store, clock } = get();
    const event = {
      svixId: 'msg_hot',
      type: 'transfer.updated',
      payload: {},
      receivedAt: clock.now(),
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.insertWebhookEvent(event)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.countWebhookEvents()).toBe(1);
  });

  it('forgets webhook and stream events older than the retention (7 days) at the next sweep', async () => {
    const { store, clock } = get();
    const week = 7 * 86_400_000;
    await store.insertWebhookEvent({
      svixId: 'old',
      type: 'flow.updated',
      payload: {},
      receivedAt: clock.now(),
    });
    const old = await store.appendEvent('alice', 'flow.updated', { old: true });
    clock.advance(1);
    const recent = await store.appendEvent('alice', 'flow.updated', { old: false });
    clock.advance(week - 2);
    await store.init(); // init sweeps, as does every 1024th write
    expect(await store.eventsSince('alice', 0, 10)).toEqual([old, recent]);
    expect(await store.countWebhookEvents()).toBe(1);
    clock.advance(1);
    await store.init();
    expect(await store.eventsSince('alice', 0, 10)).toEqual([recent]);
    expect(await store.countWebhookEvents()).toBe(0);
    expect(
      await store.insertWebhookEvent({
        svixId: 'old',
        type: 'x',
        payload: {},
        receivedAt: clock.now(),
      }),
    ).toBe(true);
    const next = await store.appendEvent('alice', 'flow.updated', {});
    expect(next.id).toBeGreaterThan(recent.id);
  });

  it('sweeps on its own every 1024 writes', async () => {
    const { store, clock } = get();
    await store.insertWebhookEvent({
      svixId: 'old',
      type: 'flow.updated',
      payload: {},
      receivedAt: clock.now(),
    });
    clock.advance(7 * 86_400_000);
    for (let i = 0; i < 1024; i++) await store.hitRateLimit('k', 1_000);
    expect(await store.countWebhookEvents()).toBe(0);
  });
}
