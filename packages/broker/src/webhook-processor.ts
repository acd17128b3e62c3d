import type { Logger } from 'pino';
import { handleWebhookEvent, OwnerNotKnown, type WebhookEventContext } from './jobs/webhook-event';
import type { BrokerMetrics } from './metrics';
import { DEFAULT_WEBHOOK_LEASE_MS } from './store/memory-outbox';
import type { BrokerStore, DueWebhookEvent } from './store/types';

/** What the processor needs from the broker. */
export interface WebhookProcessorContext extends WebhookEventContext {
  store: BrokerStore;
  metrics: BrokerMetrics;
  logger: Logger;
  /** Resolves once the store is ready; rejects while it cannot open. */
  ready(): Promise<void>;
  /** How long a claimed event is this instance's before another may take it. Default: 15_000. */
  leaseMs?: number;
  /** How often the store is swept for due events (retries, a dead instance's events). Default: 1_000. */
  sweepMs?: number;
  /** Retry schedule (tests shorten it). Default: `WEBHOOK_FAST_RETRIES_MS`, `WEBHOOK_STORE_RETRIES_MS`. */
  retries?: { fastMs: readonly number[]; storeMs: readonly number[] };
}

/** Processes stored webhook events until each is published or given up on. */
export interface WebhookProcessor {
  /** Processes an event this instance has just stored (and so holds the lease of). */
  run(event: DueWebhookEvent): void;
  /** Resolves when nothing is in flight here and no stored event is due within 10 s. */
  idle(): Promise<void>;
  /** Stops sweeping and waits for in-flight processing; unfinished events stay due in the store. */
  close(): Promise<void>;
}

type Payload = Record<string, unknown>;

/**
 * In-memory retries of one claim, after its first try: 0.5 s, 2 s, 8 s (~10 s; the lease is
 * renewed meanwhile). They cover brief Dots errors and a webhook that overtook its create,
 * and cost no store write.
 */
export const WEBHOOK_FAST_RETRIES_MS = [500, 2_000, 8_000];
/**
 * When a claim's fast retries all failed (Dots down for longer), the event is due again in
 * the store after 30 s, 2 min, 10 min, 30 min (by claims so far); then it is given up on.
 */
export const WEBHOOK_STORE_RETRIES_MS = [30_000, 120_000, 600_000, 1_800_000];
/** Events claimed per store read. */
const CLAIM_BATCH = 50;
/** `idle()` waits for events due within this horizon. */
const IDLE_HORIZON_MS = 10_000;

/**
 * The outbox side of the webhook receiver. The receiver stores each verified event (with a
 * lease) before answering 2xx; this processor then refreshes the resource from Dots and
 * publishes it to its owner's stream, and only then marks the event processed. A failure
 * is retried in memory for ~10 s, then made due again in the store
 * (`WEBHOOK_STORE_RETRIES_MS`). An instance that dies mid-way leaves its events to be
 * claimed by the sweep of any instance (itself after a restart) once their lease ends.
 * Publishing is at least once: a re-run re-publishes the resource's current state, and
 * `flow.completed` / `onUserLinked` stay once-only. What an event means is
 * `handleWebhookEvent`'s business.
 */
export function createWebhookProcessor(ctx: WebhookProcessorContext): WebhookProcessor {
  const leaseMs = ctx.leaseMs ?? DEFAULT_WEBHOOK_LEASE_MS;
  const sweepMs = ctx.sweepMs ?? 1_000;
  const fastRetries = ctx.retries?.fastMs ?? WEBHOOK_FAST_RETRIES_MS;
  const storeRetries = ctx.retries?.storeMs ?? WEBHOOK_STORE_RETRIES_MS;
  const { store, logger } = ctx;
  /** svix ids being processed here: a sweep never starts a second run of one. */
  const inFlight = new Map<string, Promise<void>>();
  /** Wakes paused retries when the processor closes. */
  const wakeups = new Set<() => void>();
  let closed = false;
  let sweeping: Promise<void> | undefined;
  let storeDown = false;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;

  /** Waits `ms` unless the processor closes first; resolves whether it may go on. */
  const pause = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        wakeups.delete(wake);
        resolve(!closed);
      }, ms);
      const wake = () => {
        clearTimeout(timer);
        resolve(false);
      };
      wakeups.add(wake);
    });

  const giveUp = async (event: DueWebhookEvent, err: unknown) => {
    const { svixId, type, attempts } = event;
    const ownerUnknown = err instanceof OwnerNotKnown;
    if (ownerUnknown)
      logger.info({ svixId, type }, 'webhook about a resource the broker did not create');
    else logger.error({ err, svixId, type, attempts }, 'webhook processing failed; giving up');
    ctx.metrics.webhookProcessing.inc({ outcome: ownerUnknown ? 'not_ours' : 'gave_up' });
    await store.markWebhookProcessed(svixId).catch(() => undefined);
  };

  /** One claim of an event: a try, fast retries in memory, then a later store retry or give-up. */
  const attempt = async (event: DueWebhookEvent) => {
    const { svixId, type } = event;
    for (let retry = 0; ; retry++) {
      try {
        await handleWebhookEvent(ctx, type, (event.payload ?? {}) as Payload);
        await store.markWebhookProcessed(svixId);
        const retried = retry > 0 || event.attempts > 1;
        ctx.metrics.webhookProcessing.inc({ outcome: retried ? 'retried_ok' : 'ok' });
        return;
      } catch (err) {
        const ownerUnknown = err instanceof OwnerNotKnown;
        const fast = fastRetries[retry];
        if (fast !== undefined) {
          logger[ownerUnknown ? 'debug' : 'warn'](
            { err, svixId, type, retryInMs: fast },
            ownerUnknown
              ? 'webhook owner not recorded yet; retrying'
              : 'webhook processing failed; retrying',
          );
          ctx.metrics.webhookProcessing.inc({ outcome: 'retry' });
          // Closing mid-way leaves the event leased in the store: a later sweep finishes it.
          if (await pause(fast)) continue;
          return;
        }
        const later = storeRetries[event.attempts - 1];
        if (ownerUnknown || later === undefined) return giveUp(event, err);
        logger.warn(
          { err, svixId, type, retryInMs: later },
          'webhook processing failed; retrying later',
        );
        ctx.metrics.webhookProcessing.inc({ outcome: 'retry_later' });
        // If even this write fails (store down), the lease still ends and a sweep retries.
        await store.retryWebhookEvent(svixId, later).catch(() => undefined);
        return;
      }
    }
  };

  const run = (event: DueWebhookEvent) => {
    if (closed || inFlight.has(event.svixId)) return;
    // Hold the lease while this instance works on the event (a Dots call that hangs can take
    // longer than the lease): otherwise a sweep here or elsewhere claims it again, counting
    // an attempt that never failed.
    const renew = setInterval(
      () => void store.retryWebhookEvent(event.svixId, leaseMs).catch(() => undefined),
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    renew.unref();
    const job = attempt(event).finally(() => {
      clearInterval(renew);
      inFlight.delete(event.svixId);
    });
    inFlight.set(event.svixId, job);
  };

  const claimDue = async () => {
    await ctx.ready();
    for (;;) {
      const due = await store.claimDueWebhookEvents(CLAIM_BATCH, leaseMs);
      if (storeDown) logger.info('webhook sweep: store reachable again');
      storeDown = false;
      if (due.length > 0) logger.debug({ count: due.length }, 'webhook sweep claimed events');
      for (const event of due) run(event);
      if (due.length < CLAIM_BATCH || closed) return;
      // A backlog (say, after an outage): finish this batch before claiming the next.
      await Promise.all([...inFlight.values()]);
    }
  };

  /** One sweep at a time; errors (store unreachable) are logged once per outage. */
  const sweep = (): Promise<void> => {
    if (closed) return Promise.resolve();
    sweeping ??= claimDue()
      .catch((err) => {
        if (!storeDown) logger.warn({ err }, 'webhook sweep failed; will retry');
        storeDown = true;
      })
      .finally(() => {
        sweeping = undefined;
      });
    return sweeping;
  };

  /** Makes the next sweep happen within `delay` ms (it happens every `sweepMs` anyway). */
  const schedule = (delay: number) => {
    const wait = Math.max(0, Math.min(delay, sweepMs));
    if (closed || Date.now() + wait >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = Date.now() + wait;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      void sweep().finally(() => schedule(sweepMs));
    }, wait);
    timer.unref();
  };
  // The first sweep runs at once: it picks up what a previous run of this process left.
  schedule(0);

  const drain = async () => {
    while (inFlight.size > 0) await Promise.all([...inFlight.values()]);
  };

  return {
    run,
    async idle() {
      for (;;) {
        await drain();
        const due = await store.countPendingWebhookEvents(IDLE_HORIZON_MS);
        if (due === 0 && inFlight.size === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
        await sweep();
      }
    },
    async close() {
      closed = true;
      for (const wake of wakeups) wake();
      wakeups.clear();
      if (timer) clearTimeout(timer);
      timer = undefined;
      await sweeping;
      await drain();
    },
  };
}
