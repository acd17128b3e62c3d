import { expect, it } from 'vitest';
import type { NewJob } from '../ports';
import type { StoreContractContext } from '../store-contract';

const LEASE = 15_000;
const job = (id: string, kind: NewJob['kind'] = 'webhook'): NewJob => ({
  id,
  kind,
  payload: { type: 'flow.updated', payload: { flow_id: `f_${id}`, nested: { n: 1 } } },
});

/** Contract cases of the jobs port: deduplication, leases, claims, retries, retention. */
export function jobCases(get: () => StoreContractContext): void {
  it('stores a job once per id (deduplication), whatever the second payload', async () => {
    const { store } = get();
    expect(await store.enqueueJob(job('a'))).toBe(true);
    expect(await store.enqueueJob({ ...job('a'), payload: { other: true } })).toBe(false);
    expect(await store.enqueueJob(job('b', 'batch'))).toBe(true);
    expect(await store.countJobs()).toBe(2);
    expect(await store.countJobs('webhook')).toBe(1);
    expect(await store.countJobs('batch')).toBe(1);
  });

  it('accepts exactly one of 20 concurrent enqueues of the same id', async () => {
    const { store } = get();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.enqueueJob(job('hot'))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.countJobs()).toBe(1);
  });

  it('keeps a held job with its enqueuer until the lease ends, then hands it out once', async () => {
    const { store, clock } = get();
    const createdAt = clock.now();
    expect(await store.enqueueJob(job('m1'), { leaseMs: LEASE })).toBe(true);
    expect(await store.countPendingJobs(0)).toBe(0);
    expect(await store.countPendingJobs(LEASE)).toBe(1);
    expect(await store.claimDueJobs(10, LEASE)).toEqual([]);
    clock.advance(LEASE);
    expect(await store.claimDueJobs(10, LEASE)).toEqual([{ ...job('m1'), attempts: 2, createdAt }]);
    expect(await store.claimDueJobs(10, LEASE)).toEqual([]);
    clock.advance(LEASE);
    expect((await store.claimDueJobs(10, LEASE)).map((j) => j.attempts)).toEqual([3]);
  });

  it('a job enqueued without a lease is due after dueInMs, with no attempt counted yet', async () => {
    const { store, clock } = get();
    await store.enqueueJob(job('later', 'batch'), { dueInMs: 500 });
    clock.advance(499);
    expect(await store.claimDueJobs(10, LEASE)).toEqual([]);
    clock.advance(1);
    expect((await store.claimDueJobs(10, LEASE)).map((j) => j.attempts)).toEqual([1]);
  });

  it('never hands out a done job; a duplicate enqueue does not revive it', async () => {
    const { store, clock } = get();
    await store.enqueueJob(job('m1'), { leaseMs: LEASE });
    await store.completeJob('m1');
    expect(await store.enqueueJob(job('m1'), { leaseMs: LEASE })).toBe(false);
    await store.rescheduleJob('m1', 0);
    await store.extendJobLease('m1', 0);
    clock.advance(10 * LEASE);
    expect(await store.countPendingJobs(LEASE)).toBe(0);
    expect(await store.claimDueJobs(10, LEASE)).toEqual([]);
    expect(await store.countJobs()).toBe(1);
  });

  it('reschedules a job after a delay, not before, with a new payload when given', async () => {
    const { store, clock } = get();
    await store.enqueueJob(job('m1'), { leaseMs: LEASE });
    await store.rescheduleJob('m1', 500, { progress: 2 });
    clock.advance(499);
    expect(await store.claimDueJobs(10, LEASE)).toEqual([]);
    expect(await store.countPendingJobs(1)).toBe(1);
    clock.advance(1);
    const [claimed] = await store.claimDueJobs(10, LEASE);
    expect(claimed?.payload).toEqual({ progress: 2 });
  });

  it('extends the lease of a job being worked on', async () => {
    const { store, clock } = get();
    await store.enqueueJob(job('slow'), { leaseMs: LEASE });
    clock.advance(LEASE - 1);
    await store.extendJobLease('slow', LEASE);
    clock.advance(LEASE - 1);
    expect(await store.claimDueJobs(10, LEASE)).toEqual([]);
    clock.advance(1);
    expect(await store.claimDueJobs(10, LEASE)).toHaveLength(1);
  });

  it('claims at most `limit` jobs, choosing the longest due', async () => {
    const { store, clock } = get();
    for (const id of ['a', 'b', 'c']) await store.enqueueJob(job(id), { leaseMs: LEASE });
    await store.rescheduleJob('c', 0);
    await store.rescheduleJob('a', 100);
    await store.rescheduleJob('b', 200);
    clock.advance(200);
    const first = await store.claimDueJobs(2, LEASE);
    expect(first.map((j) => j.id).sort()).toEqual(['a', 'c']);
    expect((await store.claimDueJobs(2, LEASE)).map((j) => j.id)).toEqual(['b']);
  });

  it('gives a due job to exactly one of 10 concurrent claimers', async () => {
    const { store, clock } = get();
    for (let i = 0; i < 5; i++) await store.enqueueJob(job(`j${i}`), { dueInMs: 0 });
    clock.advance(1);
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => store.claimDueJobs(5, LEASE)),
    );
    const ids = claims.flat().map((j) => j.id);
    expect(ids.sort()).toEqual(['j0', 'j1', 'j2', 'j3', 'j4']);
  });

  it('forgets done jobs and stream events older than the retention (7 days), never pending jobs', async () => {
    const { store, clock } = get();
    const week = 7 * 86_400_000;
    await store.enqueueJob(job('old'), { leaseMs: LEASE });
    await store.completeJob('old');
    await store.enqueueJob(job('pending', 'batch'), { dueInMs: 2 * week });
    const old = await store.appendEvent('alice', 'flow.updated', { old: true });
    clock.advance(1);
    const recent = await store.appendEvent('alice', 'flow.updated', { old: false });
    clock.advance(week - 2);
    await store.init(); // init sweeps, as does every 1024th write
    expect(await store.eventsSince('alice', 0, 10)).toEqual([old, recent]);
    expect(await store.countJobs()).toBe(2);
    clock.advance(1);
    await store.init();
    expect(await store.eventsSince('alice', 0, 10)).toEqual([recent]);
    expect(await store.countJobs()).toBe(1);
    expect(await store.enqueueJob(job('old'))).toBe(true);
    const next = await store.appendEvent('alice', 'flow.updated', {});
    expect(next.id).toBeGreaterThan(recent.id);
  });

  it('sweeps on its own every 1024 writes', async () => {
    const { store, clock } = get();
    await store.enqueueJob(job('old'), { leaseMs: LEASE });
    await store.completeJob('old');
    clock.advance(7 * 86_400_000);
    for (let i = 0; i < 1024; i++) await store.hitRateLimit('k', 1_000);
    expect(await store.countJobs()).toBe(0);
  });
}
