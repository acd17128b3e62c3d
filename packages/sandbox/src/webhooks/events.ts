import type { WebhookEventType } from '@dotskit/api';

/**
 * Event types the sandbox sends: Dots' (`@dotskit/api`'s `WebhookEventType`; there is no
 * `flow.completed`) less the payment, refund and payout-request events it does not emulate.
 *
 * The body posted for an event is Dots' own payload exactly (`{event, flow_id}`, a full
 * payout link, `{transfer, transfer_id}`, `{user_id}` …), nothing added: some of Dots'
 * bodies do not carry their type (it is the Svix event type, which Svix does not put in
 * the body), and receivers read it from the shape (`webhookEventSchema`). The sandbox
 * keeps the type beside the body, in the delivery log (`event_type`).
 */
export type SandboxEventType = Exclude<
  WebhookEventType,
  'payment_intent.updated' | 'refund.updated' | 'payout_request.updated'
>;
