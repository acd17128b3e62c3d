import type { Logger } from 'pino';
import type { DotsResource } from './dots-client';
import { canonicalJson } from './idempotency';
import type { Publisher } from './publisher';

/** Follows payout batches until `completed` (Dots sends no batch webhooks), publishing changes. */
export interface BatchWatcher {
  watch(owner: string, batch: DotsResource): void;
  /** Stops every watch. */
  close(): void;
}

/** Options of {@link createBatchWatcher}. */
export interface BatchWatcherOptions {
  retrieve(id: string): Promise<DotsResource>;
  publisher: Publisher;
  logger: Logger;
  /** First poll delay in ms; doubles up to `maxDelayMs`. Default: 500. */
  initialDelayMs?: number;
  /** Default: 10_000. */
  maxDelayMs?: number;
  /** Gives up after this long. Default: 1 hour. */
  maxDurationMs?: number;
}

const progress = (batch: DotsResource) =>
  canonicalJson([batch.status, batch.items_processed, batch.items_succeeded, batch.items_failed]);

/**
 * Polls each watched batch with backoff and publishes `payout_batch.updated` to its owner
 * when its status or counts change. Watches live in this process: a restart forgets them
 * (a `GET /payout-batches/:id` still shows the current state).
 */
export function createBatchWatcher(options: BatchWatcherOptions): BatchWatcher {
  const {
    retrieve,
    publisher,
    logger,
    initialDelayMs = 500,
    maxDelayMs = 10_000,
    maxDurationMs = 3_600_000,
  } = options;
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const schedule = (fn: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    timers.add(timer);
  };

  return {
    watch(owner, batch) {
      if (batch.status === 'completed') return;
      const startedAt = Date.now();
      let last = progress(batch);
      let delay = initialDelayMs;
      const tick = async () => {
        if (closed) return;
        try {
          const current = await retrieve(batch.id);
          if (closed) return;
          if (progress(current) !== last) {
            last = progress(current);
            await publisher.publish(owner, 'payout_batch.updated', current);
          }
          if (current.status === 'completed') return;
        } catch (err) {
          logger.warn({ err, batchId: batch.id }, 'payout batch poll failed');
        }
        if (Date.now() - startedAt > maxDurationMs) return;
        delay = Math.min(delay * 2, maxDelayMs);
        schedule(() => void tick(), delay);
      };
      schedule(() => void tick(), delay);
    },
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
