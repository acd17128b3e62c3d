import { Webhook, WebhookVerificationError } from 'svix';
import { BrokerError } from '../errors';
import { webhookJobId } from '../jobs/job-ids';
import type { WebhookJobPayload } from '../jobs/webhook-job';
import type { JobWorker } from '../jobs/worker';
import type { BrokerMetrics } from '../observe/metrics';
import type { JobsPort } from '../store/ports';

/** What the webhook receiver needs from the broker. */
export interface WebhookContext {
  secret: string | undefined;
  store: JobsPort;
  worker: Pick<JobWorker, 'run'>;
  metrics: BrokerMetrics;
  /** Resolves once the store is ready; rejects while it cannot open. */
  ready(): Promise<void>;
  /** How long this instance holds a stored event before any instance may take it. */
  leaseMs: number;
}

type Payload = Record<string, unknown>;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined;

/** The event type: the body's `event` field, or inferred from its shape (some Dots bodies have none). */
export function webhookEventType(payload: Payload): string {
  const event = str(payload.event) ?? str(payload.type);
  if (event) return event;
  // A full payout link (payout_link.sent/claimed/paid_out) also carries `flow_id` and
  // `transfer_id` (set from creation): recognise its shape before those ids.
  if (str(payload.id) && 'link' in payload && 'amount' in payload) return 'payout_link.updated';
  if (str(payload.flow_id)) return 'flow.updated';
  if (str(payload.payout_link_id)) return 'payout_link.updated';
  if (str(payload.transfer_id)) return 'transfer.updated';
  if (str(payload.user_id)) return 'user.updated';
  if (str(payload.app_id)) return 'app.updated';
  return 'unknown';
}

/** What a webhook delivery is answered with; `after` runs once the answer is sent. */
export interface WebhookAnswer {
  status: number;
  body: unknown;
  after?: () => void;
}

/** Receives one webhook delivery: its raw body and a header lookup. */
export type WebhookReceiver = (
  raw: Uint8Array,
  header: (name: string) => string | undefined,
) => Promise<WebhookAnswer>;

/**
 * `POST /webhooks`, for any HTTP adapter: verifies the Svix signature over the raw body before anything else
 * (stale or future timestamps beyond 5 minutes are rejected by the verifier), stores the
 * event as a `webhook` job deduplicated by `svix-id` (held by this instance), answers 200,
 * then runs the job, which refreshes the resource from Dots and publishes it to its
 * owner's stream — durably: a job cut short (crash, Dots down) is finished later by any
 * instance's worker.
 */
export function createWebhookReceiver(ctx: WebhookContext): WebhookReceiver {
  const verifier = ctx.secret ? new Webhook(ctx.secret) : undefined;

  return async (body, header) => {
    if (!verifier) {
      throw new BrokerError(
        'webhooks_disabled',
        'Webhooks are not configured: set `webhookSecret` (DOTS_WEBHOOK_SECRET).',
      );
    }
    const raw = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    const headers = {
      'svix-id': header('svix-id') ?? '',
      'svix-timestamp': header('svix-timestamp') ?? '',
      'svix-signature': header('svix-signature') ?? '',
    };
    let payload: Payload;
    try {
      payload = verifier.verify(raw, headers) as Payload;
    } catch (err) {
      const stale =
        err instanceof WebhookVerificationError && /timestamp too (old|new)/.test(err.message);
      ctx.metrics.webhooks.inc({ outcome: stale ? 'stale' : 'invalid_signature' });
      throw new BrokerError(
        'invalid_signature',
        stale
          ? 'The webhook timestamp is too far from now.'
          : 'The webhook signature is not valid.',
      );
    }
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
      ctx.metrics.webhooks.inc({ outcome: 'invalid' });
      throw new BrokerError('invalid_input', 'The webhook body must be a JSON object.');
    }
    await ctx.ready();
    const event: WebhookJobPayload = {
      type: webhookEventType(payload),
      payload,
      receivedAt: Date.now(),
    };
    const job = { id: webhookJobId(headers['svix-id']), kind: 'webhook' as const, payload: event };
    const inserted = await ctx.store.enqueueJob(job, { leaseMs: ctx.leaseMs });
    ctx.metrics.webhooks.inc({ outcome: inserted ? 'accepted' : 'duplicate' });
    return {
      status: 200,
      body: { received: true, duplicate: !inserted },
      ...(inserted
        ? { after: () => ctx.worker.run({ ...job, attempts: 1, createdAt: event.receivedAt }) }
        : {}),
    };
  };
}
