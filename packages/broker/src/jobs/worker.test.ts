import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../observe/metrics';
import { createMemoryStore } from '../store/memory-store';
import type { Job } from '../store/ports';
import { createManualClock, type ManualClock } from './test-clock';
import { createJobWorker, type JobHandler, type JobWorker } from './worker';

const logger = pino({ level: 'silent' });
const LEASE = 15_000;
let worker: JobWorker | undefined;
afterEach(async () => {
  await worker?.close();
  worker = undefined;
});

/** A worker over a memory store on a manual clock, running `webhook` jobs with `handler`. */
async function setup(handler: JobHandler, clock: ManualClock = createManualClock()) {
  const store = createMemoryStore({ now: clock.now });
  await store.init();
  const metrics = createMetrics();
  const noop: JobHandler = { run: async () => undefined, retryIn: () => undefined };
  worker = createJobWorker({
    store,
    logger,
    metrics,
    clock,
    ready: async () => undefined,
    leaseMs: LEASE,
    sweepMs: 1_000,
    concurrency: 2,
    handlers: { webhook: handler, batch: noop },
  });
  const outcomes = async () =>
    Object.fromEntries((await metrics.jobs.get()).values.map((v) => [v.labels.outcome, v.value]));
  return { store, clock, worker, outcomes };
}

const enqueue = async (store: ReturnType<typeof createMemoryStore>, id: string, held = true) => {
  const job = { id, kind: 'webhook' as const, payload: { n: id } };
  await store.enqueueJob(job, held ? { leaseMs: LEASE } : { dueInMs: 0 });
  return { ...job, attempts: held ? 1 : 0, createdAt: 0 } as Job;
};

describe('job worker', () => {
  it('runs a held job at once and marks it done', async () => {
    const runs: string[] = [];
    const t = await setup({ run: async (job) => void runs.push(job.id), retryIn: () => 1 });
    t.worker.run(await enqueue(t.store, 'a'));
    await t.clock.settle();
    expect(runs).toEqual(['a']);
    expect(await t.store.countPendingJobs(LEASE * 10)).toBe(0);
    expect(await t.outcomes()).toEqual({ ok: 1 });
  });

  it('retries a failing job after its handler’s delays, then gives up', async () => {
    let tries = 0;
    const t = await setup({
      run: async () => {
        tries++;
        throw new Error('Dots is down');
      },
      retryIn: (job) => [500, 2_000][job.attempts - 1],
    });
    t.worker.run(await enqueue(t.store, 'a'));
    await t.clock.settle();
    expect(tries).toBe(1);
    await t.clock.advance(499);
    expect(tries).toBe(1);
    await t.clock.advance(1);
    expect(tries).toBe(2);
    await t.clock.advance(1_999);
    expect(tries).toBe(2);
    await t.clock.advance(1);
    expect(tries).toBe(3);
    expect(await t.store.countPendingJobs(LEASE * 100)).toBe(0);
    expect(await t.outcomes()).toEqual({ retry: 2, gave_up: 1 });
  });

  it('reschedules a job that asks to run again, with its new payload', async () => {
    const seen: unknown[] = [];
    const t = await setup({
      async run(job) {
        seen.push(job.payload);
        const n = (job.payload as { n: number }).n ?? 0;
        return n < 2 ? { again: { inMs: 1_000, payload: { n: n + 1 } } } : undefined;
      },
      retryIn: () => undefined,
    });
    await t.store.enqueueJob({ id: 'poll', kind: 'webhook', payload: { n: 0 } });
    await t.clock.advance(0);
    await t.clock.advance(1_000);
    await t.clock.advance(1_000);
    expect(seen).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    expect(await t.store.countPendingJobs(LEASE * 10)).toBe(0);
  });

  it('renews the lease of a slow job, so that no sweep claims it twice', async () => {
    let runs = 0;
    let finish: () => void = () => undefined;
    const t = await setup({
      run: () => {
        runs++;
        return new Promise((resolve) => {
          finish = () => resolve(undefined);
        });
      },
      retryIn: () => undefined,
    });
    t.worker.run(await enqueue(t.store, 'slow'));
    await t.clock.advance(LEASE * 4);
    expect(runs).toBe(1);
    finish();
    await t.clock.settle();
    expect(await t.store.countPendingJobs(LEASE * 10)).toBe(0);
  });

  it("picks up a dead instance's job once its lease ends", async () => {
    const runs: string[] = [];
    const clock = createManualClock();
    const t = await setup({ run: async (job) => void runs.push(job.id), retryIn: () => 1 }, clock);
    await enqueue(t.store, 'orphan');
    await t.clock.advance(LEASE - 1);
    expect(runs).toEqual([]);
    await t.clock.advance(1_000);
    expect(runs).toEqual(['orphan']);
  });

  it('claims no more than its concurrency, and the rest when slots free up', async () => {
    const started: string[] = [];
    const finishers: Array<() => void> = [];
    const t = await setup({
      run: (job) =>
        new Promise((resolve) => {
          started.push(job.id);
          finishers.push(() => resolve(undefined));
        }),
      retryIn: () => undefined,
    });
    for (const id of ['a', 'b', 'c', 'd']) await enqueue(t.store, id, false);
    await t.clock.advance(1_000);
    expect(started).toHaveLength(2);
    finishers.shift()?.();
    await t.clock.advance(0);
    expect(started).toHaveLength(3);
    for (const finish of finishers.splice(0)) finish();
    await t.clock.advance(0);
    for (const finish of finishers.splice(0)) finish();
    await t.clock.settle();
    expect(started).toHaveLength(4);
  });

  it('closes without waiting for a scheduled retry; the job stays due in the store', async () => {
    const t = await setup({
      run: async () => {
        throw new Error('down');
      },
      retryIn: () => 60_000,
    });
    t.worker.run(await enqueue(t.store, 'a'));
    await t.clock.settle();
    await t.worker.close();
    expect(await t.store.countPendingJobs(60_000)).toBe(1);
  });
});
