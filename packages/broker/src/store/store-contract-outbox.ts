import { expect, it } from 'vitest';
import type { StoreContractContext } from './store-contract';

const LEASE = 15_000;
const event = (svixId: string, at: number) => ({
  svixId,
  type: 'flow.updated',
  payload: { flow_id: `f_${svixId}`, nested: { n: 1 } },
  receivedAt: at,
});

/** Contract cases for the webhook outbox: leases, claims, retries (see `describeStoreContract`). */
export function outboxCases(get: () => StoreContractContext): void {
  it('keeps a stored event with its receiver until the lease ends, then hands it out once', async () => {
    const { store, clock } = get();
    expect(await store.insertWebhookEvent(event('m1', clock.now()), LEASE)).toBe(true);
    expect(await store.countPendingWebhookEvents(0)).toBe(0);
    expect(await store.countPendingWebhookEvents(LEASE)).toBe(1);
    expect(await store.claimDueWebhookEvents(10, LEASE)).toEqual([]);

    clock.advance(LEASE);
    const claimed = await store.claimDueWebhookEvents(10, LEASE);
    expect(claimed).toEqual([{ ...event('m1', clock.now() - LEASE), attempts: 2 }]);
    // Claimed again: leased to the claimer, not handed out twice.
    expect(await store.claimDueWebhookEvents(10, LEASE)).toEqual([]);
    clock.advance(LEASE);
    expect((await store.claimDueWebhookEvents(10, LEASE)).map((e) => e.attempts)).toEqual([3]);
  });

  it('never hands out a processed event; a duplicate delivery does not revive it', async () => {
    const { store, clock } = get();
    await store.insertWebhookEvent(event('m1', clock.now()), LEASE);
    await store.markWebhookProcessed('m1');
    expect(await store.insertWebhookEvent(event('m1', clock.now()), LEASE)).toBe(false);
    await store.retryWebhookEvent('m1', 0);
    clock.advance(10 * LEASE);
    expect(await store.countPendingWebhookEvents(LEASE)).toBe(0);
    expect(await store.claimDueWebhookEvents(10, LEASE)).toEqual([]);
    expect(await store.countWebhookEvents()).toBe(1);
  });

  it('makes a failed event due again after the retry delay, not before', async () => {
    const { store, clock } = get();
    await store.insertWebhookEvent(event('m1', clock.now()), LEASE);
    await store.retryWebhookEvent('m1', 500);
    clock.advance(499);
    expect(await store.claimDueWebhookEvents(10, LEASE)).toEqual([]);
    expect(await store.countPendingWebhookEvents(1)).toBe(1);
    clock.advance(1);
    expect((await store.claimDueWebhookEvents(10, LEASE)).map((e) => e.svixId)).toEqual(['m1']);
  });

  it('claims at most `limit` events, choosing the longest due', async () => {
    const { store, clock } = get();
    for (const id of ['a', 'b', 'c']) await store.insertWebhookEvent(event(id, clock.now()), LEASE);
    await store.retryWebhookEvent('c', 0);
    await store.retryWebhookEvent('a', 100);
    await store.retryWebhookEvent('b', 200);
    clock.advance(200);
    const first = await store.claimDueWebhookEvents(2, LEASE);
    expect(first.map((e) => e.svixId).sort()).toEqual(['a', 'c']);
    expect((await store.claimDueWebhookEvents(2, LEASE)).map((e) => e.svixId)).toEqual(['b']);
  });

  it('gives a due event to exactly one of 10 concurrent claimers', async () => {
    const { store, clock } = get();
    for (let i = 0; i < 20; i++) await store.insertWebhookEvent(event(`m${i}`, clock.now()), 0);
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => store.claimDueWebhookEvents(5, LEASE)),
    );
    // A claimer that loses a row to another gets fewer rows, never a row twice.
    const rest = await store.claimDueWebhookEvents(50, LEASE);
    const ids = [...claims.flat(), ...rest].map((e) => e.svixId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(20);
  });

  // ---------------------------------------------------------------- batch watches
  const watch = (batchId: string, at: number) => ({
    batchId,
    owner: 'payroll',
    progress: '["created",0,0,0]',
    delayMs: 500,
    startedAt: at,
  });

  it('hands a saved batch watch out when due, once per lease, until deleted', async () => {
    const { store, clock } = get();
    await store.saveBatchWatch(watch('pb_1', clock.now()), 500);
    expect(await store.claimDueBatchWatches(10, LEASE)).toEqual([]);
    clock.advance(500);
    expect(await store.claimDueBatchWatches(10, LEASE)).toEqual([watch('pb_1', clock.now() - 500)]);
    expect(await store.claimDueBatchWatches(10, LEASE)).toEqual([]);
    // The poller saves its progress and next delay; the owner never changes.
    const next = {
      ...watch('pb_1', 0),
      owner: 'someone-else',
      progress: '["processing",1,1,0]',
      delayMs: 1_000,
    };
    await store.saveBatchWatch(next, 1_000, true);
    clock.advance(1_000);
    const [claimed] = await store.claimDueBatchWatches(10, LEASE);
    // Owner and start stay as first saved.
    expect(claimed).toEqual({
      ...watch('pb_1', clock.now() - 1_500),
      progress: '["processing",1,1,0]',
      delayMs: 1_000,
    });
    await store.deleteBatchWatch('pb_1');
    // A poller that read an older state saves after the delete: the watch stays gone.
    await store.saveBatchWatch(next, 0, true);
    clock.advance(10 * LEASE);
    expect(await store.claimDueBatchWatches(10, LEASE)).toEqual([]);
  });

  it('gives a due batch watch to exactly one of 10 concurrent claimers', async () => {
    const { store, clock } = get();
    for (let i = 0; i < 12; i++) await store.saveBatchWatch(watch(`pb_${i}`, clock.now()), 0);
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => store.claimDueBatchWatches(3, LEASE)),
    );
    const rest = await store.claimDueBatchWatches(50, LEASE);
    const ids = [...claims.flat(), ...rest].map((w) => w.batchId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(12);
  });
}
