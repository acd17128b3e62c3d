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

/** The kinds of resource a webhook body can be about. */
export type WebhookSubjectKind = 'app' | 'flow' | 'payout_link' | 'transfer' | 'user';

/** The resource a webhook body is about: its kind and Dots id. */
export interface WebhookSubject {
  kind: WebhookSubjectKind;
  id: string;
}

const id = z.string().min(1);

// The fields Dots' bodies carry (DOTS-FACTS): `{event, flow_id}`, `{event, payout_link_id}`,
// `{event, transfer_id}`, `{transfer, transfer_id}`, `{user_id}`, `{app_id}`, or a full
// payout link. Ids may be `null` where the resource has none yet (a full payout link's
// `transfer_id` before its payout, `user_id` before a claim).
const rawWebhookBodySchema = z.looseObject({
  event: z.string().optional(),
  app_id: id.optional(),
  flow_id: id.nullish(),
  payout_link_id: id.nullish(),
  transfer_id: id.nullish(),
  user_id: id.nullish(),
  transfer: transferSchema.optional(),
});
type RawBody = z.infer<typeof rawWebhookBodySchema>;

/** A full payout-link object (the `payout_link.sent/claimed/paid_out` bodies), if `body` is one. */
function asPayoutLink(body: RawBody) {
  if (!('link' in body) || !('amount' in body)) return undefined;
  return payoutLinkSchema.safeParse(body).data;
}

/**
 * The event type of a body. Its `event` field when that names a known type; otherwise
 * the shape, where it says so unambiguously: `{app_id}` alone, `{transfer, transfer_id}`
 * with a completed or failed transfer, a full payout link that is `sent`/`delivered`
 * (only `payout_link.sent` carries a link not yet claimed). `null` otherwise: the
 * `user.updated.*` bodies are all `{user_id}`, and `payout_link.claimed` and
 * `payout_link.paid_out` both carry a `claimed` link (paid out is no status of its own).
 */
function typeOf(body: RawBody, link: ReturnType<typeof asPayoutLink>): WebhookEventType | null {
  const named = webhookEventTypeSchema.safeParse(body.event);
  if (named.success) return named.data;
  if (body.event !== undefined) return null;
  if (body.transfer && body.transfer_id) {
    if (body.transfer.status === 'completed') return 'transfer.completed';
    if (body.transfer.status === 'failed') return 'transfer.failed';
    return null;
  }
  if (Object.keys(body).length === 1 && body.app_id) return 'app.updated';
  if (link?.status === 'sent' || link?.status === 'delivered') return 'payout_link.sent';
  return null;
}

/**
 * The resource a body is about. A full payout link is recognised first (it carries
 * `flow_id` and `transfer_id` too, but is about itself); then the id field of the
 * family `event` names (`flow.…` → `flow_id`); else the first id present of `flow_id`,
 * `payout_link_id`, `transfer_id` (or `transfer.id`), `user_id`, `app_id`.
 */
function subjectOf(body: RawBody, link: ReturnType<typeof asPayoutLink>): WebhookSubject | null {
  if (link) return { kind: 'payout_link', id: link.id };
  const family = body.event?.slice(0, body.event.indexOf('.'));
  const ids: [WebhookSubjectKind, string | null | undefined][] = [
    ['flow', body.flow_id],
    ['payout_link', body.payout_link_id],
    ['transfer', body.transfer_id ?? body.transfer?.id],
    ['user', body.user_id],
    ['app', body.app_id],
  ];
  const found =
    ids.find(([kind, value]) => kind === family && value) ?? ids.find(([, value]) => value);
  return found?.[1] ? { kind: found[0], id: found[1] } : null;
}

/**
 * A Dots webhook body, as received (after Svix signature verification), with what it
 * means: `type`, the event type (see `typeOf`; `null` when the body cannot tell), and
 * `subject`, the resource it is about (`null` when it names none). Svix does not add the
 * event type to what the receiver gets, and some Dots bodies carry no `event` field, so
 * both are read from the body. Unknown fields are kept; ids must be non-empty strings or
 * `null`; a `transfer` must be a transfer.
 */
export const webhookEventSchema = rawWebhookBodySchema.transform((body) => {
  const link = asPayoutLink(body);
  return { body, type: typeOf(body, link), subject: subjectOf(body, link) };
});
/** A parsed webhook body: the body, its event `type` and its `subject`. */
export type WebhookEvent = z.output<typeof webhookEventSchema>;
