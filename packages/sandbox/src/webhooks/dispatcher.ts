import type { SandboxClock } from '../clock';
import { isoTime, newId, newMessageId } from '../state/ids';
import { createDeliveryLog } from './delivery-log';
import { assertWebhookSecret, newWebhookSecret, signWebhook } from './sign';

/** A registered webhook endpoint. */
export interface WebhookEndpoint {
  id: string;
  url: string;
  secret: string;
}

/** One HTTP attempt of a delivery. */
export interface WebhookAttempt {
  at: string;
  status: number | null;
  error: string | null;
  duration_ms: number;
}

/** One event delivered (or being delivered) to one endpoint; `id` is the `svix-id`, shared by every endpoint and stable across retries. */
export interface WebhookDelivery {
  id: string;
  endpoint_id: string;
  url: string;
  event_type: string;
  payload: unknown;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: WebhookAttempt[];
  next_attempt_at: string | null;
  created: string;
}

/** Retry policy for webhook deliveries. */
export interface WebhookRetryOptions {
  /** Emulated-clock delays before each retry; its length is the retry count. Default `[1000, 5000, 30000, 300000]`. */
  delaysMs?: number[];
  /** Per-attempt timeout in real ms (Dots expects a 2xx within 15 s). Default `15000`. */
  timeoutMs?: number;
}

/** Delivers events to endpoints, signs them, retries failures and keeps a delivery log. */
export interface WebhookDispatcher {
  addEndpoint(url: string, secret?: string): WebhookEndpoint;
  endpoints(): WebhookEndpoint[];
  /** Queues `body` (already in Dots' webhook shape) for every endpoint. */
  emit(eventType: string, body: unknown): void;
  deliveries(): WebhookDelivery[];
  /**
   * Deliveries since the dispatcher was created or last reset, counted whatever the log
   * has dropped: `queued` (one per event and endpoint) and `failed` (retries exhausted).
   */
  totals(): { queued: number; failed: number };
  /** Resolves once no attempt is in flight (retries scheduled later do not count). */
  idle(): Promise<void>;
  /** Drops deliveries and endpoints; `keep` endpoints are re-registered as they were. */
  reset(keep: WebhookEndpoint[]): void;
}

/** Creates a dispatcher whose retries run on `clock`. The log keeps the last 10 000 deliveries. */
export function createDispatcher(
  clock: SandboxClock,
  retry: WebhookRetryOptions = {},
): WebhookDispatcher {
  const delays = retry.delaysMs ?? [1000, 5000, 30000, 300000];
  const timeoutMs = retry.timeoutMs ?? 15000;
  let endpoints: WebhookEndpoint[] = [];
  const log = createDeliveryLog<WebhookDelivery>();
  const totals = { queued: 0, failed: 0 };
  const inFlight = new Set<Promise<void>>();
  // Bumped by reset(): attempts that started before it are not recorded.
  let generation = 0;

  const attempt = async (delivery: WebhookDelivery, endpoint: WebhookEndpoint, raw: string) => {
    const gen = generation;
    const started = Date.now();
    // svix-timestamp is real wall time: receivers compare it with their own clock.
    const timestamp = Math.floor(started / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Svix-Webhooks/1.99 (dotskit-sandbox)',
          'svix-id': delivery.id,
          'svix-timestamp': String(timestamp),
          'svix-signature': signWebhook(endpoint.secret, delivery.id, timestamp, raw),
        },
        body: raw,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    if (gen !== generation) return;
    delivery.attempts.push({
      at: isoTime(clock.now()),
      status,
      error,
      duration_ms: Date.now() - started,
    });
    if (!error) {
      delivery.status = 'succeeded';
      delivery.next_attempt_at = null;
      return;
    }
    const delay = delays[delivery.attempts.length - 1];
    if (delay === undefined) {
      delivery.status = 'failed';
      totals.failed += 1;
      delivery.next_attempt_at = null;
      return;
    }
    delivery.next_attempt_at = isoTime(clock.now() + delay);
    clock.setTimeout(() => start(delivery, endpoint, raw), delay);
  };

  const start = (delivery: WebhookDelivery, endpoint: WebhookEndpoint, raw: string) => {
    const p = attempt(delivery, endpoint, raw).finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  return {
    addEndpoint(url, secret) {
      const protocol = URL.canParse(url) ? new URL(url).protocol : 'not a URL';
      if (protocol !== 'http:' && protocol !== 'https:') {
        throw new TypeError(
          `[dotskit] webhook url must be an absolute http(s) URL, got ${protocol}`,
        );
      }
      if (secret !== undefined) assertWebhookSecret(secret);
      const endpoint = { id: `ep_${newId()}`, url, secret: secret ?? newWebhookSecret() };
      endpoints.push(endpoint);
      return endpoint;
    },
    endpoints: () => [...endpoints],
    emit(eventType, body) {
      if (endpoints.length === 0) return;
      const raw = JSON.stringify(body);
      // One Svix message per event: every endpoint sees the same svix-id.
      const messageId = newMessageId();
      for (const endpoint of endpoints) {
        const delivery: WebhookDelivery = {
          id: messageId,
          endpoint_id: endpoint.id,
          url: endpoint.url,
          event_type: eventType,
          payload: body,
          status: 'pending',
          attempts: [],
          next_attempt_at: null,
          created: isoTime(clock.now()),
        };
        log.push(delivery);
        totals.queued += 1;
        start(delivery, endpoint, raw);
      }
    },
    deliveries: () => log.list(),
    totals: () => ({ ...totals }),
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    reset(keep) {
      generation += 1;
      log.clear();
      totals.queued = 0;
      totals.failed = 0;
      endpoints = [...keep];
    },
  };
}
