import { jsonClone } from './json';
import type { BatchWatch, BrokerStore, WebhookEventRecord } from './types';

/** Default lease of a webhook event claimed for processing (see `BrokerStore.insertWebhookEvent`). */
export const DEFAULT_WEBHOOK_LEASE_MS = 15_000;

interface WebhookEntry {
  record: WebhookEventRecord;
  processed: boolean;
  leaseUntil: number;
  attempts: number;
}

/** The memory store's webhook events and batch watches (see `createMemoryOutbox`). */
export interface MemoryOutbox {
  methods: Pick<
    BrokerStore,
    | 'insertWebhookEvent'
    | 'claimDueWebhookEvents'
    | 'markWebhookProcessed'
    | 'retryWebhookEvent'
    | 'countPendingWebhookEvents'
    | 'countWebhookEvents'
    | 'saveBatchWatch'
    | 'claimDueBatchWatches'
    | 'deleteBatchWatch'
  >;
  /** Forgets webhook events received at or before `cutoff` (retention). */
  sweep(cutoff: number): void;
}

/** Entries whose lease ended by `at`, longest due first, at most `limit`. */
function due<T extends { leaseUntil: number }>(
  values: Iterable<T>,
  at: number,
  limit: number,
): T[] {
  return [...values]
    .filter((v) => v.leaseUntil <= at)
    .sort((a, b) => a.leaseUntil - b.leaseUntil)
    .slice(0, Math.max(0, Math.floor(limit)));
}

/**
 * The leased-work part of the memory store: the webhook outbox and payout batch watches,
 * with the same semantics as the SQL stores' (see `sql-outbox.ts`). `wrote` counts a write
 * towards the store's periodic sweep.
 */
export function createMemoryOutbox(ctx: {
  now: () => number;
  open: () => void;
  wrote: () => void;
}): MemoryOutbox {
  const { now, open } = ctx;
  /** svix id → the event and its processing state. */
  const webhookEvents = new Map<string, WebhookEntry>();
  const batchWatches = new Map<string, { watch: BatchWatch; leaseUntil: number }>();
  const unprocessed = () => [...webhookEvents.values()].filter((e) => !e.processed);

  return {
    sweep(cutoff) {
      for (const [id, entry] of webhookEvents)
        if (entry.record.receivedAt <= cutoff) webhookEvents.delete(id);
    },
    methods: {
      async insertWebhookEvent(event, leaseMs = DEFAULT_WEBHOOK_LEASE_MS) {
        open();
        ctx.wrote();
        if (webhookEvents.has(event.svixId)) return false;
        webhookEvents.set(event.svixId, {
          record: { ...event, payload: jsonClone(event.payload) },
          processed: false,
          leaseUntil: now() + leaseMs,
          attempts: 1,
        });
        return true;
      },
      async claimDueWebhookEvents(limit, leaseMs) {
        open();
        const at = now();
        return due(unprocessed(), at, limit).map((e) => {
          e.leaseUntil = at + leaseMs;
          e.attempts += 1;
          return { ...e.record, payload: jsonClone(e.record.payload), attempts: e.attempts };
        });
      },
      async markWebhookProcessed(svixId) {
        open();
        const entry = webhookEvents.get(svixId);
        if (entry) {
          entry.processed = true;
          // Only the svix id (dedupe) and time (retention) are needed from now on.
          entry.record = { ...entry.record, payload: null };
        }
      },
      async retryWebhookEvent(svixId, delayMs) {
        open();
        const entry = webhookEvents.get(svixId);
        if (entry && !entry.processed) entry.leaseUntil = now() + delayMs;
      },
      async countPendingWebhookEvents(withinMs) {
        open();
        const horizon = now() + withinMs;
        return unprocessed().filter((e) => e.leaseUntil <= horizon).length;
      },
      async countWebhookEvents() {
        open();
        return webhookEvents.size;
      },

      async saveBatchWatch(watch, dueInMs, existingOnly = false) {
        open();
        const existing = batchWatches.get(watch.batchId)?.watch;
        if (!existing && existingOnly) return;
        const { owner, startedAt } = existing ?? watch;
        batchWatches.set(watch.batchId, {
          watch: { ...watch, owner, startedAt },
          leaseUntil: now() + dueInMs,
        });
      },
      async claimDueBatchWatches(limit, leaseMs) {
        open();
        const at = now();
        return due(batchWatches.values(), at, limit).map((w) => {
          w.leaseUntil = at + leaseMs;
          return { ...w.watch };
        });
      },
      async deleteBatchWatch(batchId) {
        open();
        batchWatches.delete(batchId);
      },
    },
  };
}
