import { type WebhookEvent, webhookEventSchema } from '@dotskit/api';
import { Webhook, WebhookVerificationError } from 'svix';
import { BrokerError } from '../errors';
import { webhookJobId } from '../jobs/job-ids';
import type { WebhookJobPayload } from '../jobs/webhook-job';
import type { JobWorker } from '../jobs/worker';
import type { BrokerMetrics } from '../observe/metrics';
import { parseInput } from '../schemas';
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

/**
 * The type a webhook job is stored under: the event type the body names or shows
 * (`webhookEventSchema` from `@dotskit/api`), else `<kind>.updated` for the resource it is
 * about (a payout link created or canceled, a `{ user_id }` body), else `unknown`. The job
 * acts on the family (`flow.`, `payout_link.`, `transfer.`) and refreshes the resource.
 */
export function webhookJobType(event: WebhookEvent): string {
  return event.type ?? (event.subject ? `${event.subject.kind}.updated` : 'unknown');
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
      throw new BrokerError({
        code: 'webhooks_disabled',
        message: 'Webhooks are not configured: set `webhookSecret` (DOTS_WEBHOOK_SECRET).',
      });
    }
    const raw = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    const headers = {
      'svix-id': header('svix-id') ?? '',
      'svix-timestamp': header('svix-timestamp') ?? '',
      'svix-signature': header('svix-signature') ?? '',
    };
    let payload: unknown;
    try {
      payload = verifier.verify(raw, headers);
    } catch (err) {
      const stale =
        err instanceof WebhookVerificationError && /timestamp too (old|new)/.test(err.message);
      ctx.metrics.webhooks.inc({ outcome: stale ? 'stale' : 'invalid_signature' });
      throw new BrokerError({
        code: 'invalid_signature',
        message: stale
          ? 'The webhook timestamp is too far from now.'
          : 'The webhook signature is not valid.',
      });
    }
    // The trust boundary: a signed body is still checked against the shapes Dots sends.
    let parsed: WebhookEvent;
    try {
      parsed = parseInput(webhookEventSchema, payload);
    } catch (err) {
      ctx.metrics.webhooks.inc({ outcome: 'invalid' });
      throw err;
    }
    await ctx.ready();
    const event: WebhookJobPayload = {
      type: webhookJobType(parsed),
      payload: parsed.body,
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
