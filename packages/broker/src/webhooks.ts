import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { Webhook, WebhookVerificationError } from 'svix';
import type { DotsResource } from './dots-client';
import { BrokerError } from './errors';
import type { BrokerMetrics } from './metrics';
import type { OwnerLookup } from './owner-cache';
import type { Publisher } from './publisher';
import type { BrokerStore, ResourceKind } from './store/types';

/** What the webhook receiver needs from the broker. */
export interface WebhookContext {
  secret: string | undefined;
  store: BrokerStore;
  /** Owner reads (cached). */
  owners: OwnerLookup;
  publisher: Publisher;
  metrics: BrokerMetrics;
  logger: Logger;
  /** Fetches the current state of a resource from Dots. */
  refresh(kind: 'flows' | 'payoutLinks' | 'transfers', id: string): Promise<DotsResource>;
  ready(): Promise<void>;
}

/** The receiver plus a way to await the background work it started (tests, shutdown). */
export interface WebhookReceiver {
  handler: RequestHandler;
  /** Resolves when every accepted event has been processed (including retries). */
  idle(): Promise<void>;
  /** Stops retrying and waits for in-flight processing. */
  close(): Promise<void>;
}

type Payload = Record<string, unknown>;
/** Delays between attempts to refresh and publish a stored event. */
const RETRY_DELAYS_MS = [500, 2_000, 8_000];

/**
 * No owner is recorded for the resource (yet): a webhook can overtake the create call that
 * records it (a retried create, a slow store write). Retried like a failed refresh; after
 * the last retry the resource is taken to be one the broker did not create.
 */
class OwnerNotKnown extends Error {}

/** The owner of a resource, or OwnerNotKnown for the retry loop. */
async function ownerOf(ctx: WebhookContext, kind: ResourceKind, id: string): Promise<string> {
  const owner = await ctx.owners.get(kind, id);
  if (!owner) throw new OwnerNotKnown(`no owner recorded for ${kind} ${id}`);
  return owner;
}
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined;

/** The event type: the body's `event` field, or inferred from its shape (some Dots bodies have none). */
export function webhookEventType(payload: Payload): string {
  const event = str(payload.event) ?? str(payload.type);
  if (event) return event;
  if (str(payload.flow_id)) return 'flow.updated';
  if (str(payload.payout_link_id)) return 'payout_link.updated';
  if (str(payload.transfer_id)) return 'transfer.updated';
  if (str(payload.user_id)) return 'user.updated';
  if (str(payload.app_id)) return 'app.updated';
  if (str(payload.id) && 'link' in payload && 'amount' in payload) return 'payout_link.updated';
  return 'unknown';
}

/**
 * `POST /webhooks`: verifies the Svix signature over the raw body before anything else
 * (stale or future timestamps beyond 5 minutes are rejected by the verifier), stores the
 * event deduplicated by `svix-id`, answers 200, then refreshes the resource from Dots and
 * publishes it to its owner's stream.
 */
export function createWebhookReceiver(ctx: WebhookContext): WebhookReceiver {
  const verifier = ctx.secret ? new Webhook(ctx.secret) : undefined;
  const pending = new Set<Promise<void>>();
  const wakeups = new Set<() => void>();
  let closed = false;

  const process = async (type: string, payload: Payload) => {
    const { publisher } = ctx;
    if (type.startsWith('flow.')) {
      const id = str(payload.flow_id) ?? str(payload.id);
      if (!id) return;
      const owner = await ownerOf(ctx, 'flow', id);
      const flow = await ctx.refresh('flows', id);
      await publisher.linkFlowUser(owner, flow);
      await publisher.publishFlow(owner, flow);
    } else if (type.startsWith('payout_link.')) {
      const id = str(payload.payout_link_id) ?? str(payload.id);
      if (!id) return;
      const owner = await ownerOf(ctx, 'payout_link', id);
      const link = await ctx.refresh('payoutLinks', id).catch((err) => fallback(payload, err));
      await publisher.adoptRelated(owner, link);
      await publisher.publish(owner, 'payout_link.updated', link);
    } else if (type.startsWith('transfer.')) {
      const transfer = payload.transfer as Payload | undefined;
      const id = str(payload.transfer_id) ?? str(transfer?.id);
      if (!id) return;
      const owner = await ownerOf(ctx, 'transfer', id);
      const current = await ctx.refresh('transfers', id).catch((err) => fallback(transfer, err));
      await publisher.publish(owner, 'transfer.updated', current);
    }
  };

  /** The event is stored already; a failed refresh (Dots briefly down) is retried a few times. */
  const processWithRetries = async (type: string, payload: Payload, svixId: string) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await process(type, payload);
        return;
      } catch (err) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined || closed) {
          if (err instanceof OwnerNotKnown) {
            ctx.logger.info({ svixId, type }, 'webhook about a resource the broker did not create');
          } else {
            ctx.logger.error({ err, svixId, type }, 'webhook processing failed');
          }
          return;
        }
        const level = err instanceof OwnerNotKnown ? 'debug' : 'warn';
        ctx.logger[level](
          { err, svixId, type, attempt: attempt + 1 },
          err instanceof OwnerNotKnown
            ? 'webhook owner not recorded yet; retrying'
            : 'webhook processing failed; retrying',
        );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          wakeups.add(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    }
  };

  /** When Dots cannot be asked, the object the webhook carried is the best we have. */
  const fallback = (carried: Payload | undefined, err: unknown): DotsResource => {
    if (carried && str(carried.id)) return carried as DotsResource;
    throw err;
  };

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
    const inserted = await ctx.store.insertWebhookEvent({
      svixId: headers['svix-id'],
      type,
      payload,
      receivedAt: Date.now(),
    });
    ctx.metrics.webhooks.inc({ outcome: inserted ? 'accepted' : 'duplicate' });
    res.status(200).json({ received: true, duplicate: !inserted });
    if (!inserted) return;
    const job = processWithRetries(type, payload, headers['svix-id']).finally(() =>
      pending.delete(job),
    );
    pending.add(job);
  };

  return {
    handler,
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    async close() {
      closed = true;
      for (const wake of wakeups) wake();
      wakeups.clear();
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
