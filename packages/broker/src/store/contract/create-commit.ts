import { expect, it } from 'vitest';
import type { CreateCommit } from '../commit-port';
import type { StoreContractContext } from '../store-contract';
import { collectEvents } from '../test-support/collect-events';

const flow = (id: string) => ({ id, steps: ['compliance'], completed_steps: [] as string[] });

/** A create of flow `id` by `owner` under idempotency key `key` (claimed by the caller). */
const flowCommit = (key: string, id: string, owner = 'alice'): CreateCommit => ({
  idempotency: { key, status: 201, body: flow(id) },
  owners: [{ kind: 'flow', id, owner }],
  events: [{ owner, type: 'flow.updated', data: flow(id) }],
});

/** Contract cases of the create port (`commitCreate`). */
export function createCommitCases(get: () => StoreContractContext): void {
  it('commits the response, owners, states and events of a create together', async () => {
    const { store, clock } = get();
    expect(await store.claimIdempotency('k1', 'h1', 60_000)).toEqual({ state: 'claimed' });
    const live = collectEvents(store, 2, { owner: 'alice' });
    const link = { id: 'pl_1', status: 'created', flow_id: 'f_claim', transfer_id: 't_1' };
    const events = await store.commitCreate({
      idempotency: { key: 'k1', status: 201, body: link },
      owners: [
        { kind: 'payout_link', id: 'pl_1', owner: 'alice' },
        { kind: 'flow', id: 'f_claim', owner: 'alice', relation: 'follower' },
      ],
      states: [{ kind: 'payout_link', id: 'pl_1', owner: 'alice', status: 'created', data: link }],
      events: [
        { owner: 'alice', type: 'payout_link.updated', data: link },
        { owner: 'alice', type: 'transfer.updated', data: null },
      ],
    });
    expect(events).toEqual([
      {
        id: events[0]?.id,
        owner: 'alice',
        type: 'payout_link.updated',
        data: link,
        createdAt: clock.now(),
      },
      {
        id: events[1]?.id,
        owner: 'alice',
        type: 'transfer.updated',
        data: null,
        createdAt: clock.now(),
      },
    ]);
    expect(events[1]?.id).toBeGreaterThan(events[0]?.id as number);
    expect(await store.claimIdempotency('k1', 'h1', 60_000)).toEqual({
      state: 'done',
      status: 201,
      body: link,
    });
    expect(await store.getOwner('payout_link', 'pl_1')).toEqual({
      owner: 'alice',
      relation: 'owner',
    });
    expect(await store.getOwner('flow', 'f_claim')).toEqual({
      owner: 'alice',
      relation: 'follower',
    });
    expect(await store.listResourceStates('payout_link', 'alice', { limit: 10 })).toEqual({
      items: [link],
      hasMore: false,
    });
    expect(await store.eventsSince('alice', 0, 10)).toEqual(events);
    expect(await live.done).toEqual(events);
  });

  it('appends an event with a once-marker only the first time that marker is set', async () => {
    const { store } = get();
    const done = (key: string): CreateCommit => ({
      ...flowCommit(key, 'f1'),
      events: [
        { owner: 'alice', type: 'flow.updated', data: flow('f1') },
        { owner: 'alice', type: 'flow.completed', data: flow('f1'), once: 'flow.completed:f1' },
      ],
    });
    await store.claimIdempotency('k1', 'h', 60_000);
    const first = await store.commitCreate(done('k1'));
    expect(first.map((e) => e.type)).toEqual(['flow.updated', 'flow.completed']);
    await store.claimIdempotency('k2', 'h', 60_000);
    const second = await store.commitCreate(done('k2'));
    expect(second.map((e) => e.type)).toEqual(['flow.updated']);
    expect(await store.markOnce('flow.completed:f1')).toBe(false);
    expect((await store.eventsSince('alice', 0, 10)).map((e) => e.type)).toEqual([
      'flow.updated',
      'flow.completed',
      'flow.updated',
    ]);
  });

  it('keeps the first owner and completes only a key that is still pending', async () => {
    const { store } = get();
    await store.recordOwner('flow', 'f1', 'bob');
    await store.claimIdempotency('k1', 'h', 60_000);
    await store.releaseIdempotency('k1');
    const events = await store.commitCreate(flowCommit('k1', 'f1'));
    expect(events).toHaveLength(1);
    expect((await store.getOwner('flow', 'f1'))?.owner).toBe('bob');
    // Released before the commit: nothing to complete, so the key can be claimed afresh.
    expect(await store.claimIdempotency('k1', 'h2', 60_000)).toEqual({ state: 'claimed' });
  });

  it('writes nothing when a part of the commit fails', async () => {
    const { store } = get();
    await store.claimIdempotency('k1', 'h', 60_000);
    const live = collectEvents(store, 1, { timeoutMs: 200 });
    const bad: CreateCommit = {
      ...flowCommit('k1', 'f1'),
      events: [
        { owner: 'alice', type: 'flow.updated', data: flow('f1') },
        // JSON cannot hold a BigInt: the second event fails after the first writes ran.
        { owner: 'alice', type: 'flow.updated', data: { n: 1n } },
      ],
    };
    await expect(store.commitCreate(bad)).rejects.toThrow();
    expect(await store.getOwner('flow', 'f1')).toBeUndefined();
    expect(await store.eventsSince('alice', 0, 10)).toEqual([]);
    expect(await store.claimIdempotency('k1', 'h', 60_000)).toEqual({ state: 'pending' });
    await expect(live.done).rejects.toThrow(/expected 1 events, got 0/);
  });

  it('commits 30 concurrent creates, each whole, with distinct increasing event ids', async () => {
    const { store } = get();
    const n = 30;
    const keys = Array.from({ length: n }, (_, i) => `k${i}`);
    const claims = await Promise.all(keys.map((k) => store.claimIdempotency(k, 'h', 60_000)));
    expect(claims.every((c) => c.state === 'claimed')).toBe(true);
    const live = collectEvents(store, n);
    const results = await Promise.all(
      keys.map((k, i) => store.commitCreate(flowCommit(k, `f${i}`, `owner${i % 3}`))),
    );
    const ids = results.map((events) => events[0]?.id as number);
    expect(new Set(ids).size).toBe(n);
    expect((await live.done).map((e) => e.id).sort((a, b) => a - b)).toEqual(
      [...ids].sort((a, b) => a - b),
    );
    for (const [i, k] of keys.entries()) {
      expect(await store.claimIdempotency(k, 'h', 60_000)).toMatchObject({ state: 'done' });
      expect((await store.getOwner('flow', `f${i}`))?.owner).toBe(`owner${i % 3}`);
    }
  });
}
