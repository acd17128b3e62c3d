import type { RequestHandler } from 'express';
import { Webhook, WebhookVerificationError } from 'svix';
import { BrokerError } from './errors';
import { DEFAULT_WEBHOOK_LEASE_MS } from './store/memory-outbox';
import { createWebhookProcessor, type WebhookProcessorContext } from './webhook-processor';

/** What the webhook receiver needs from the broker. */
export interface WebhookContext extends WebhookProcessorContext {
  secret: string | undefined;
}

/** The receiver plus a way to await the background work it started (tests, shutdown). */
export interface WebhookReceiver {
  handler: RequestHandler;
  /** Resolves when accepted events have been processed (retries due within 10 s included). */
  idle(): Promise<void>;
  /** Stops sweeping and waits for in-flight processing; unfinished events stay in the store. */
  close(): Promise<void>;
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

/**
 * `POST /webhooks`: verifies the Svix signature over the raw body before anything else
 * (stale or future timestamps beyond 5 minutes are rejected by the verifier), stores the
 * event deduplicated by `svix-id`, answers 200, then hands it to the processor, which
 * refreshes the resource from Dots and publishes it to its owner's stream — durably: an
 * event whose processing was cut short (crash, Dots down) is finished later from the store.
 */
export function createWebhookReceiver(ctx: WebhookContext): WebhookReceiver {
  const verifier = ctx.secret ? new Webhook(ctx.secret) : undefined;
  const leaseMs = ctx.leaseMs ?? DEFAULT_WEBHOOK_LEASE_MS;
  const processor = createWebhookProcessor({ ...ctx, leaseMs });

  const handler: RequestHandler = async (req, res) => {
    if (!verifier) {
      throw new BrokerError(
        'webhooks_disabled',
        'Webhooks are not configured: set `webhookSecret` (DOTS_WEBHOOK_SECRET).',
      );
    }
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const headers = {
      'svix-id': String(req.headers['svix-id'] ?? ''),
      'svix-timestamp': String(req.headers['svix-timestamp'] ?? ''),
      'svix-signature': String(req.headers['svix-signature'] ?? ''),
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
    const type = webhookEventType(payload);
    const event = { svixId: headers['svix-id'], type, payload, receivedAt: Date.now() };
    const inserted = await ctx.store.insertWebhookEvent(event, leaseMs);
    ctx.metrics.webhooks.inc({ outcome: inserted ? 'accepted' : 'duplicate' });
    res.status(200).json({ received: true, duplicate: !inserted });
    if (inserted) processor.run({ ...event, attempts: 1 });
  };

  return { handler, idle: processor.idle, close: processor.close };
}
