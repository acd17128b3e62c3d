import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { DotsResource } from './dots-client';
import { createEventPublisher } from './events';
import { createIdentity } from './identity/identity';
import { createMetrics } from './metrics';
import { createOwnerLookup } from './owner-cache';
import { createMemoryStore } from './store/memory-store';
import type { BrokerStore } from './store/types';
import { createWebhookProcessor, type WebhookProcessor } from './webhook-processor';

const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LEASE = 60_000;

let processor: WebhookProcessor | undefined;
afterEach(async () => {
  await processor?.close();
  processor = undefined;
});

/** A processor over a memory store whose Dots refresh fails `failures` times first. */
async function setup(failures: number, retries = { fastMs: [5, 5], storeMs: [40] }) {
  const store = createMemoryStore();
  await store.init();
  const metrics = createMetrics();
  let refreshes = 0;
  processor = createWebhookProcessor({
    store,
    owners: createOwnerLookup(store),
    events: createEventPublisher(store),
    identity: createIdentity({ store, logger, metrics }),
    metrics,
    logger,
    ready: async () => undefined,
    refresh: async (_kind, id) => {
      refreshes++;
      if (refreshes <= failures) throw new Error('Dots is down');
      return { id, status: 'completed' } as DotsResource;
    },
    leaseMs: LEASE,
    sweepMs: 10,
    retries,
  });
  return { store, metrics, processor, refreshes: () => refreshes };
}

async function receive(store: BrokerStore, p: WebhookProcessor, svixId: string, id: string) {
  const event = {
    svixId,
    type: 'transfer.updated',
    payload: { transfer_id: id },
    receivedAt: Date.now(),
  };
  expect(await store.insertWebhookEvent(event, LEASE)).toBe(true);
  p.run({ ...event, attempts: 1 });
}

const outcomes = async (metrics: ReturnType<typeof createMetrics>) =>
  Object.fromEntries(
    (await metrics.webhookProcessing.get()).values.map((v) => [v.labels.outcome, v.value]),
  );

describe('webhook processor', () => {
  it('retries in memory, then from the store, and publishes once Dots answers', async () => {
    // Try + 2 fast retries fail, the store retry (400 ms later) fails once more, then works.
    const {
      store,
      metrics,
      processor: p,
      refreshes,
    } = await setup(4, {
      fastMs: [5, 5],
      storeMs: [400],
    });
    await store.recordOwner('transfer', 't_1', 'alice');
    await receive(store, p, 'msg_1', 't_1');
    for (let waited = 0; refreshes() < 3 && waited < 2_000; waited += 5) await sleep(5);
    expect(refreshes()).toBe(3);
    // Once the third failure is written back, the event waits in the store for its retry.
    for (
      let waited = 0;
      (await store.countPendingWebhookEvents(1_000)) === 0 && waited < 300;
      waited += 5
    )
      await sleep(5);
    expect(refreshes()).toBe(3);
    expect(await store.countPendingWebhookEvents(1_000)).toBe(1);
    expect(await store.eventsSince('alice', 0, 10)).toEqual([]);

    await p.idle();
    expect(refreshes()).toBe(5);
    const events = await store.eventsSince('alice', 0, 10);
    expect(events.map((e) => [e.type, (e.data as { id: string }).id])).toEqual([
      ['transfer.updated', 't_1'],
    ]);
    expect(await store.countPendingWebhookEvents(LEASE * 10)).toBe(0);
    expect(await outcomes(metrics)).toEqual({ retry: 3, retry_later: 1, retried_ok: 1 });
  });

  it('gives up after the last store retry, and marks the event processed', async () => {
    const { store, metrics, processor: p, refreshes } = await setup(1_000);
    await store.recordOwner('transfer', 't_2', 'alice');
    await receive(store, p, 'msg_2', 't_2');
    await p.idle();
    // Claim 1: try + 2 fast; claim 2 (from the store): try + 2 fast; then given up.
    expect(refreshes()).toBe(6);
    expect(await store.countPendingWebhookEvents(LEASE * 10)).toBe(0);
    expect(await store.eventsSince('alice', 0, 10)).toEqual([]);
    expect((await outcomes(metrics)).gave_up).toBe(1);
  });

  it('takes a resource with no owner after the fast retries as not ours, without asking Dots', async () => {
    const { store, metrics, processor: p, refreshes } = await setup(0);
    await receive(store, p, 'msg_3', 't_unknown');
    await p.idle();
    expect(refreshes()).toBe(0);
    expect(await store.countPendingWebhookEvents(LEASE * 10)).toBe(0);
    expect(await outcomes(metrics)).toEqual({ retry: 2, not_ours: 1 });
  });

  it('leaves an event it was still retrying in the store when closed, for a later sweep', async () => {
    const { store, processor: p } = await setup(1_000, { fastMs: [5_000], storeMs: [] });
    await store.recordOwner('transfer', 't_4', 'alice');
    await receive(store, p, 'msg_4', 't_4');
    await sleep(20);
    const started = Date.now();
    await p.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await store.countPendingWebhookEvents(LEASE)).toBe(1);
    expect(await store.claimDueWebhookEvents(10, LEASE)).toEqual([]);
  });

  it('keeps the lease of an event whose Dots call hangs, so another instance does not run it too', async () => {
    const store = createMemoryStore();
    await store.init();
    let refreshes = 0;
    const instance = (sweepMs: number) =>
      createWebhookProcessor({
        store,
        owners: createOwnerLookup(store),
        events: createEventPublisher(store),
        identity: createIdentity({ store, logger, metrics: createMetrics() }),
        metrics: createMetrics(),
        logger,
        ready: async () => undefined,
        refresh: async (_kind, id) => {
          refreshes++;
          await sleep(400); // much longer than the 60 ms lease
          return { id, status: 'completed' } as DotsResource;
        },
        leaseMs: 60,
        sweepMs,
      });
    // `a` receives the event and never sweeps again; `b` sweeps every 10 ms for due events.
    const a = instance(3_600_000);
    const b = instance(10);
    try {
      await store.recordOwner('transfer', 't_5', 'alice');
      const event = {
        svixId: 'msg_5',
        type: 'transfer.updated',
        payload: { transfer_id: 't_5' },
        receivedAt: Date.now(),
      };
      await store.insertWebhookEvent(event, 60);
      a.run({ ...event, attempts: 1 });
      await a.close(); // waits for the attempt in flight
      await b.idle();
      expect(refreshes).toBe(1);
      expect(await store.eventsSince('alice', 0, 10)).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
