import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { DotsResource } from '../dots-client';
import { createEventPublisher } from '../events';
import { createIdentity } from '../identity/identity';
import { createMetrics } from '../observe/metrics';
import { createOwnerLookup } from '../owner-cache';
import { createMemoryStore } from '../store/memory-store';
import { webhookJobId } from './job-ids';
import { createManualClock } from './test-clock';
import { WEBHOOK_RETRIES_MS, webhookJobHandler } from './webhook-job';
import { createJobWorker, type JobWorker } from './worker';

const logger = pino({ level: 'silent' });
let worker: JobWorker | undefined;
afterEach(async () => {
  await worker?.close();
  worker = undefined;
});

/** A worker running webhook jobs whose Dots refresh fails `failures` times first. */
async function setup(failures: number, fields: Record<string, unknown> = {}) {
  const clock = createManualClock();
  const store = createMemoryStore({ now: clock.now });
  await store.init();
  const metrics = createMetrics();
  let refreshes = 0;
  const ctx = {
    store,
    owners: createOwnerLookup(store),
    events: createEventPublisher(store),
    identity: createIdentity({ store, logger, metrics }),
    refresh: async (_kind: string, id: string) => {
      refreshes++;
      if (refreshes <= failures) throw new Error('Dots is down');
      return { id, status: 'pending', ...fields } as DotsResource;
    },
  };
  worker = createJobWorker({
    store,
    logger,
    metrics,
    clock,
    ready: async () => undefined,
    handlers: {
      webhook: webhookJobHandler(ctx),
      batch: { run: async () => undefined, retryIn: () => undefined },
    },
  });
  const receive = async (svixId: string, transferId: string) => {
    const job = {
      id: webhookJobId(svixId),
      kind: 'webhook' as const,
      payload: { type: 'transfer.updated', payload: { transfer_id: transferId }, receivedAt: 0 },
    };
    await store.enqueueJob(job, { leaseMs: 15_000 });
    worker?.run({ ...job, attempts: 1, createdAt: clock.now() });
    await clock.settle();
  };
  const outcomes = async () =>
    Object.fromEntries((await metrics.jobs.get()).values.map((v) => [v.labels.outcome, v.value]));
  return { store, clock, receive, outcomes, refreshes: () => refreshes };
}

const total = (n: number) => WEBHOOK_RETRIES_MS.slice(0, n).reduce((a, b) => a + b, 0);

describe('webhook job', () => {
  it('retries while Dots fails, then publishes to the owner', async () => {
    const t = await setup(4);
    await t.store.recordOwner('transfer', 't_1', 'alice');
    await t.receive('msg_1', 't_1');
    expect(t.refreshes()).toBe(1);
    await t.clock.advance(total(3));
    expect(t.refreshes()).toBe(4);
    expect(await t.store.eventsSince('alice', 0, 10)).toEqual([]);
    await t.clock.advance(WEBHOOK_RETRIES_MS[3] as number);
    expect(t.refreshes()).toBe(5);
    const events = await t.store.eventsSince('alice', 0, 10);
    expect(events.map((e) => [e.type, (e.data as { id: string }).id])).toEqual([
      ['transfer.updated', 't_1'],
    ]);
    expect(await t.outcomes()).toEqual({ retry: 4, retried_ok: 1 });
  });

  it('gives up after the last retry (~45 min)', async () => {
    const t = await setup(1_000);
    await t.store.recordOwner('transfer', 't_2', 'alice');
    await t.receive('msg_2', 't_2');
    await t.clock.advance(total(WEBHOOK_RETRIES_MS.length));
    expect(t.refreshes()).toBe(WEBHOOK_RETRIES_MS.length + 1);
    expect(await t.store.countPendingJobs(3_600_000)).toBe(0);
    expect((await t.outcomes()).gave_up).toBe(1);
  });

  it('takes a transfer with no owner, of a user linked to nobody, after three retries as not ours', async () => {
    const t = await setup(0);
    await t.receive('msg_3', 't_unknown');
    await t.clock.advance(total(3));
    expect(t.refreshes()).toBe(4);
    expect(await t.store.countPendingJobs(3_600_000)).toBe(0);
    expect(await t.outcomes()).toEqual({ retry: 3, not_ours: 1 });
  });

  it('gives a transfer the broker did not create to the principal its user is linked to', async () => {
    const t = await setup(0, { user_id: 'u_alice' });
    await t.store.recordOwner('user', 'u_alice', 'alice');
    await t.receive('msg_4', 't_withdrawal');
    expect((await t.store.getOwner('transfer', 't_withdrawal'))?.owner).toBe('alice');
    const events = await t.store.eventsSince('alice', 0, 10);
    expect(events.map((e) => e.type)).toEqual(['transfer.updated']);
  });
});
