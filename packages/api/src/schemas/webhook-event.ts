import { z } from 'zod';
import { payoutLinkSchema } from './payout-link';
import { transferSchema } from './transfer';

/** Every webhook event type Dots sends through Svix (there is no `flow.completed`). */
export const webhookEventTypeSchema = z.enum([
  'app.updated',
  'flow.updated',
  'flow.transaction_updated',
  'payout_link.sent',
  'payout_link.claimed',
  'payout_link.paid_out',
  'payout_link.updated',
  'transfer.completed',
  'transfer.failed',
  'transfer.updated',
  'user.updated.background_check',
  'user.updated.ide_verified',
  'user.updated.payout_method',
  'payment_intent.updated',
  'refund.updated',
  'payout_request.updated',
]);
/** A webhook event type. */
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

const rawWebhookBodySchema = z.looseObject({
  event: z.string().optional(),
  type: z.string().optional(),
  app_id: z.string().optional(),
  flow_id: z.string().optional(),
  payout_link_id: z.string().optional(),
  transfer_id: z.string().optional(),
  user_id: z.string().nullish(),
  transfer: transferSchema.optional(),
});

function isEventType(value: unknown): value is WebhookEventType {
  return webhookEventTypeSchema.safeParse(value).success;
}

/**
 * Infers the event type of a body that has no `event` field, where its shape says it
 * unambiguously. `null` when it cannot tell (e.g. the `user.updated.*` bodies, which
 * are all `{ user_id }`, or `payout_link.paid_out`, which has no status of its own).
 */
function inferType(body: z.infer<typeof rawWebhookBodySchema>): WebhookEventType | null {
  if (body.transfer && body.transfer_id) {
    if (body.transfer.status === 'completed') return 'transfer.completed';
    if (body.transfer.status === 'failed') return 'transfer.failed';
    return null;
  }
  const keys = Object.keys(body);
  if (keys.length === 1 && body.app_id) return 'app.updated';
  if (typeof body.link === 'string' && 'amount' in body) {
    const status = payoutLinkSchema.safeParse(body).data?.status;
    if (status === 'sent' || status === 'delivered') return 'payout_link.sent';
    if (status === 'claimed') return 'payout_link.claimed';
  }
  return null;
}

/**
 * A Dots webhook body, as received (after Svix signature verification), plus `type`:
 * the Svix event type name (`flow.updated`, ...).
 *
 * Dots posts its own payload as the Svix message body; Svix does not add the event
 * type to what the receiver gets. So `type` is taken from, in order: a `type` field
 * holding a known event name, the body's `event` field, or the body's shape
 * (see `inferType`); otherwise `null`. Unknown fields are kept; bodies without
 * `event` are accepted.
 */
export const webhookEventSchema = rawWebhookBodySchema.transform((body) => {
  const type: WebhookEventType | null = isEventType(body.type)
    ? body.type
    : isEventType(body.event)
      ? body.event
      : inferType(body);
  return { ...body, type };
});
/** A parsed webhook body with its resolved event `type` (or `null` when unknown). */
export type WebhookEvent = z.output<typeof webhookEventSchema>;
