import type { DotsResource } from '../dots-client';
import type { EventPublisher } from '../events';
import { canonicalJson } from '../idempotency';
import type { JobsPort } from '../store/ports';
import type { Clock } from './clock';
import { batchJobId } from './job-ids';
import type { JobHandler } from './worker';

/** A payout batch being followed (the `batch` job's payload). */
export interface BatchFollowUp {
  batchId: string;
  /** The principal the batch belongs to. */
  owner: string;
  /** What was last published (status and counts, as canonical JSON), to publish changes only. */
  progress: string;
  /** The current poll interval in ms (backoff). */
  delayMs: number;
  /** Epoch ms when following began. */
  startedAt: number;
}

/** Options of the batch follow-up. */
export interface BatchFollowUpOptions {
  events: EventPublisher;
  /** Fetches the batch from Dots. */
  retrieve(id: string): Promise<DotsResource>;
  clock: Clock;
  /** First poll delay in ms; doubles up to `maxDelayMs`. Default: 500. */
  initialDelayMs?: number;
  /** Default: 10_000. */
  maxDelayMs?: number;
  /** Gives up after this long. Default: 1 hour. */
  maxDurationMs?: number;
}

const progressOf = (batch: DotsResource) =>
  canonicalJson([batch.status, batch.items_processed, batch.items_succeeded, batch.items_failed]);

/**
 * Following payout batches until `completed` (Dots sends no batch webhooks): `follow`
 * stores a `batch` job; its handler polls the batch with backoff and publishes
 * `payout_batch.updated` to the owner when the status or counts change. Any instance
 * runs due jobs, so following survives a restart (the first poll after a hand-over may
 * repeat the last published state).
 */
export function createBatchFollowUp(options: BatchFollowUpOptions) {
  const initialDelayMs = options.initialDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const maxDurationMs = options.maxDurationMs ?? 3_600_000;
  const next = (w: BatchFollowUp) => Math.min(w.delayMs * 2, maxDelayMs);
  const expired = (w: BatchFollowUp) => options.clock.now() - w.startedAt > maxDurationMs;

  const handler: JobHandler = {
    async run(job) {
      const w = job.payload as BatchFollowUp;
      const current = await options.retrieve(w.batchId);
      const progress = progressOf(current);
      if (progress !== w.progress)
        await options.events.publish(w.owner, 'payout_batch.updated', current);
      if (current.status === 'completed' || expired(w)) return undefined;
      const delayMs = next(w);
      return { again: { inMs: delayMs, payload: { ...w, progress, delayMs } } };
    },
    retryIn(job) {
      const w = job.payload as BatchFollowUp;
      return expired(w) ? undefined : next(w);
    },
  };

  return {
    handler,
    /** Starts following a batch: resolves once the job is stored (it survives a restart). */
    async follow(store: JobsPort, owner: string, batch: DotsResource): Promise<number | undefined> {
      if (batch.status === 'completed') return undefined;
      const payload: BatchFollowUp = {
        batchId: batch.id,
        owner,
        progress: progressOf(batch),
        delayMs: initialDelayMs,
        startedAt: options.clock.now(),
      };
      await store.enqueueJob(
        { id: batchJobId(batch.id), kind: 'batch', payload },
        { dueInMs: initialDelayMs },
      );
      return initialDelayMs;
    },
  };
}
