import type { Logger } from 'pino';
import type { DotsResource } from './dots-client';
import type { EventPublisher } from './events';
import { canonicalJson } from './idempotency';
import type { BatchWatch, BrokerStore } from './store/types';

/** Follows payout batches until `completed` (Dots sends no batch webhooks), publishing changes. */
export interface BatchWatcher {
  /** Starts following a batch; resolves once the watch is stored (it survives a restart). */
  watch(owner: string, batch: DotsResource): Promise<void>;
  /** Stops polling here and waits for polls in flight; stored watches go on elsewhere or after a restart. */
  close(): Promise<void>;
}

/** Options of {@link createBatchWatcher}. */
export interface BatchWatcherOptions {
  store: BrokerStore;
  retrieve(id: string): Promise<DotsResource>;
  events: EventPublisher;
  logger: Logger;
  /** Resolves once the store is ready. */
  ready(): Promise<void>;
  /** First poll delay in ms; doubles up to `maxDelayMs`. Default: 500. */
  initialDelayMs?: number;
  /** Default: 10_000. */
  maxDelayMs?: number;
  /** Gives up after this long. Default: 1 hour. */
  maxDurationMs?: number;
  /** How often the store is asked for due watches. Default: 250. */
  sweepMs?: number;
  /** How long a claimed watch is this instance's before another may poll it. Default: 30_000. */
  leaseMs?: number;
}

const CLAIM_BATCH = 20;

const progress = (batch: DotsResource) =>
  canonicalJson([batch.status, batch.items_processed, batch.items_succeeded, batch.items_failed]);

/**
 * Polls each watched batch with backoff and publishes `payout_batch.updated` to its owner
 * when its status or counts change. Watches are rows in the store, claimed with a lease
 * like webhook events: any instance sharing the store polls due ones, so following goes on
 * after a restart or when the creating instance dies (the first poll after such a hand-over
 * may repeat the last published state).
 */
export function createBatchWatcher(options: BatchWatcherOptions): BatchWatcher {
  const { store, retrieve, events, logger } = options;
  const initialDelayMs = options.initialDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const maxDurationMs = options.maxDurationMs ?? 3_600_000;
  const leaseMs = options.leaseMs ?? 30_000;
  /** Polls in flight here, by batch id: a batch is never polled twice at once by this instance. */
  const inFlight = new Map<string, Promise<void>>();
  let closed = false;
  let sweeping: Promise<void> | undefined;
  let storeDown = false;

  const poll = async (w: BatchWatch) => {
    let next: BatchWatch = w;
    try {
      const current = await retrieve(w.batchId);
      const now = progress(current);
      if (now !== w.progress) {
        await events.publish(w.owner, 'payout_batch.updated', current);
        next = { ...w, progress: now };
      }
      if (current.status === 'completed') return store.deleteBatchWatch(w.batchId);
    } catch (err) {
      logger.warn({ err, batchId: w.batchId }, 'payout batch poll failed');
    }
    if (Date.now() - w.startedAt > maxDurationMs) {
      logger.warn(
        { batchId: w.batchId },
        'payout batch not completed after maxDurationMs; no longer followed',
      );
      return store.deleteBatchWatch(w.batchId);
    }
    const delayMs = Math.min(w.delayMs * 2, maxDelayMs);
    // Update only: another instance may have seen it complete and deleted it meanwhile.
    await store.saveBatchWatch({ ...next, delayMs }, delayMs, true);
  };

  const claimDue = async () => {
    await options.ready();
    const due = await store.claimDueBatchWatches(CLAIM_BATCH, leaseMs);
    storeDown = false;
    for (const w of due) {
      if (inFlight.has(w.batchId)) continue;
      const job = poll(w)
        .catch((err) => logger.warn({ err, batchId: w.batchId }, 'payout batch watch not saved'))
        .finally(() => inFlight.delete(w.batchId));
      inFlight.set(w.batchId, job);
    }
  };

  /** One sweep at a time; a store that cannot be reached is logged once per outage. */
  const sweep = () => {
    if (sweeping || closed) return;
    sweeping = claimDue()
      .catch((err) => {
        if (!storeDown) logger.warn({ err }, 'payout batch sweep failed; will retry');
        storeDown = true;
      })
      .finally(() => {
        sweeping = undefined;
      });
  };
  const timer = setInterval(sweep, options.sweepMs ?? 250);
  timer.unref();

  return {
    async watch(owner, batch) {
      if (batch.status === 'completed') return;
      await store.saveBatchWatch(
        {
          batchId: batch.id,
          owner,
          progress: progress(batch),
          delayMs: initialDelayMs,
          startedAt: Date.now(),
        },
        initialDelayMs,
      );
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await sweeping;
      while (inFlight.size > 0) await Promise.all([...inFlight.values()]);
    },
  };
}
