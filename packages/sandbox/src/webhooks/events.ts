/** Event types the sandbox sends (DOTS-FACTS.md; there is no `flow.completed`). */
export type SandboxEventType =
  | 'app.updated'
  | 'flow.updated'
  | 'flow.transaction_updated'
  | 'payout_link.sent'
  | 'payout_link.claimed'
  | 'payout_link.paid_out'
  | 'payout_link.updated'
  | 'transfer.completed'
  | 'transfer.failed'
  | 'transfer.updated'
  | 'user.updated.background_check'
  | 'user.updated.ide_verified'
  | 'user.updated.payout_method';

/**
 * The JSON body posted for an event: Dots' own payload (`{event, flow_id}`, a full payout
 * link, `{transfer, transfer_id}`, `{user_id}` …) with a `type` field naming the Svix event
 * type first. Dots' bodies do not all carry their type; the sandbox adds it so receivers
 * (and @dotskit/api's `webhookEventSchema`, which reads `type` first) never have to guess.
 */
export function webhookBody(
  type: SandboxEventType,
  data: Record<string, unknown>,
): Record<string, unknown> {
  return { type, ...data };
}
