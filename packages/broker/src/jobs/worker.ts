import type { Logger } from 'pino';
import type { BrokerMetrics } from '../observe/metrics';
import type { Job, JobKind, JobsPort } from '../store/ports';
import { type Clock, systemClock } from './clock';

/** What a job run asks for next: nothing (done), or another run later. */
export type JobResult = undefined | { again: { inMs: number; payload?: unknown } };

/** How one kind of job is run and retried. */
export interface JobHandler {
  run(job: Job): Promise<JobResult>;
  /**
   * Delay before the next try after `error` on the job's `attempts`-th claim, or
   * `undefined` to give up (the job is then marked done).
   */
  retryIn(job: Job, error: unknown): number | undefined;
  /** Whether a failure is expected (retried quietly, logged at `debug`). Default: none is. */
  expected?(error: unknown): boolean;
  /** Logs a give-up (each kind knows which failures are expected). Default: an error line. */
  gaveUp?(job: Job, error: unknown, logger: Logger): 'gave_up' | 'not_ours';
}

/** Options of {@link createJobWorker}. */
export interface JobWorkerOptions {
  store: JobsPort;
  handlers: Record<JobKind, JobHandler>;
  logger: Logger;
  metrics: BrokerMetrics;
  /** Resolves once the store is ready; rejects while it cannot open. */
  ready(): Promise<void>;
  /** Default: the system clock. */
  clock?: Clock;
  /** How long a claimed job is this instance's before another may take it. Renewed every third while it runs. Default: 15_000. */
  leaseMs?: number;
  /** How often the store is swept for due jobs (retries, a dead instance's jobs). Default: 1_000. */
  sweepMs?: number;
  /** Jobs run at once here; a full worker claims nothing more (back-pressure). Default: 50. */
  concurrency?: number;
}

/** The one worker: runs every kind of job, from the store's one queue. */
export interface JobWorker {
  /** Runs a job this instance holds (it enqueued it with a lease). */
  run(job: Job): void;
  /** Makes a sweep happen within `inMs` (a job just became due then). */
  wake(inMs?: number): void;
  /** Resolves when nothing runs here and no job is due within 10 s. */
  idle(): Promise<void>;
  /** Stops claiming and waits for running jobs; unfinished ones stay due in the store. */
  close(): Promise<void>;
}

const IDLE_HORIZON_MS = 10_000;

/**
 * Claims due jobs with a lease and runs them through their kind's handler: a job that
 * succeeds is done (or rescheduled, when it asks to run again); one that fails is
 * rescheduled after its handler's retry delay, or given up on. A running job's lease is
 * renewed, so a slow run is never claimed twice; a process that dies leaves its jobs to
 * the next sweep of any instance once their lease ends. Time comes from `clock`.
 */
export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { store, handlers, logger, metrics } = options;
  const clock = options.clock ?? systemClock;
  const leaseMs = options.leaseMs ?? 15_000;
  const sweepMs = options.sweepMs ?? 1_000;
  const concurrency = options.concurrency ?? 50;
  const running = new Map<string, Promise<void>>();
  let closed = false;
  let sweeping: Promise<void> | undefined;
  let storeDown = false;
  let timer: unknown;
  let timerAt = Number.POSITIVE_INFINITY;
  /** Times (epoch ms) at which a job is known to become due: a sweep is set for the earliest. */
  const wanted = new Set<number>();
  /** The last claim took as many jobs as there were free slots: claim again when one frees up. */
  let backlog = false;

  const count = (job: Job, outcome: string) => metrics.jobs.inc({ kind: job.kind, outcome });

  const settle = async (job: Job, handler: JobHandler) => {
    try {
      const result = await handler.run(job);
      if (result?.again) {
        await store.rescheduleJob(job.id, result.again.inMs, result.again.payload);
        wake(result.again.inMs);
      } else await store.completeJob(job.id);
      count(job, job.attempts > 1 ? 'retried_ok' : 'ok');
    } catch (error) {
      const delay = handler.retryIn(job, error);
      if (delay === undefined) {
        const outcome = handler.gaveUp?.(job, error, logger) ?? 'gave_up';
        if (!handler.gaveUp) logger.error({ err: error, job: job.id }, 'job failed; giving up');
        count(job, outcome);
        await store.completeJob(job.id).catch(() => undefined);
        return;
      }
      const level = handler.expected?.(error) ? 'debug' : 'warn';
      logger[level]({ err: error, job: job.id, retryInMs: delay }, 'job failed; retrying');
      count(job, 'retry');
      // If even this write fails (store down), the lease still ends and a sweep retries.
      await store.rescheduleJob(job.id, delay).catch(() => undefined);
      wake(delay);
    }
  };

  const run = (job: Job) => {
    if (closed || running.has(job.id)) return;
    const handler = handlers[job.kind];
    let renewal: unknown;
    const renew = () => {
      renewal = clock.setTimeout(
        () => {
          void store.extendJobLease(job.id, leaseMs).catch(() => undefined);
          renew();
        },
        Math.max(50, Math.floor(leaseMs / 3)),
      );
    };
    renew();
    const done = settle(job, handler)
      // A store that fails to record the outcome leaves the job leased: it runs again later.
      .catch((error) => logger.warn({ err: error, job: job.id }, 'job outcome not stored'))
      .finally(() => {
        clock.clearTimeout(renewal);
        running.delete(job.id);
        wake(0);
      });
    running.set(job.id, done);
  };

  const claimDue = async () => {
    await options.ready();
    const free = concurrency - running.size;
    backlog = free <= 0;
    if (backlog) return;
    const due = await store.claimDueJobs(free, leaseMs);
    if (storeDown) logger.info('job sweep: store reachable again');
    storeDown = false;
    for (const job of due) run(job);
    backlog = due.length === free;
  };

  /** One sweep at a time; errors (store unreachable) are logged once per outage. */
  const sweep = (): Promise<void> => {
    if (closed) return Promise.resolve();
    sweeping ??= claimDue()
      .catch((error) => {
        if (!storeDown) logger.warn({ err: error }, 'job sweep failed; will retry');
        storeDown = true;
      })
      .finally(() => {
        sweeping = undefined;
      });
    return sweeping;
  };

  /** Sets the timer for the earliest wanted time, and at most `sweepMs` away. */
  const arm = () => {
    if (closed) return;
    const at = Math.min(clock.now() + sweepMs, ...wanted);
    if (at >= timerAt) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timerAt = at;
    timer = clock.setTimeout(
      () => {
        timer = undefined;
        timerAt = Number.POSITIVE_INFINITY;
        const now = clock.now();
        for (const t of wanted) if (t <= now) wanted.delete(t);
        void sweep().finally(arm);
      },
      Math.max(0, at - clock.now()),
    );
  };

  function wake(inMs = 0) {
    if (closed) return;
    wanted.add(clock.now() + Math.max(0, inMs));
    arm();
  }
  // The first sweep runs at once: it picks up what a previous run of this process left.
  wake(0);

  const drain = async () => {
    while (running.size > 0) await Promise.all([...running.values()]);
  };

  return {
    run,
    wake,
    async idle() {
      for (;;) {
        await drain();
        if ((await store.countPendingJobs(IDLE_HORIZON_MS)) === 0 && running.size === 0) return;
        await new Promise((resolve) => clock.setTimeout(() => resolve(undefined), 50));
        await sweep();
      }
    },
    async close() {
      closed = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      await sweeping;
      await drain();
    },
  };
}
