import {
  type Flow,
  flowStepName,
  isFlowComplete,
  type PayoutBatch,
  type PayoutBatchStatus,
  type PayoutLink,
  type PayoutLinkStatus,
  type ResourceByKind,
  type ResourceKind,
  type Transfer,
  type TransferStatus,
} from '@dotskit/api/wire';

/** How a status reads: still moving, done well, done badly, or needing attention. */
export type PayoutStatusTone = 'pending' | 'success' | 'failure' | 'warning';

/**
 * The status `usePayoutStatus` (and a `PayoutHistory` row) reports for a resource: a
 * transfer's or payout batch's own Dots status; a flow's `in_progress` or `completed`;
 * a payout link's own status until its transfer moves on, then `paid_out` (the transfer
 * completed) or the transfer's status (`failed`, `flagged`, …).
 */
export type ResourceStatus =
  | PayoutLinkStatus
  | TransferStatus
  | PayoutBatchStatus
  | 'in_progress'
  | 'paid_out';

const FAILURE = new Set<ResourceStatus>([
  'delivery_failed',
  'reversed',
  'canceled',
  'expired',
  'failed',
]);
const MESSAGED: PayoutLinkStatus[] = ['delivery_pending', 'sent', 'delivered', 'delivery_failed'];

/** A payout link changes no more: failed, or claimed and naming its transfer. */
export const linkDone = (l: PayoutLink): boolean =>
  FAILURE.has(l.status) || (l.status === 'claimed' && !!l.transfer_id);

/** A transfer changes no more. */
export const transferDone = (t: Transfer): boolean =>
  t.status === 'completed' || FAILURE.has(t.status);

/**
 * Ordered stages of a resource's timeline: a flow's step names; a payout link's
 * `created`, the delivery stages only when it is sent by sms/email (its
 * `delivery.method`, or its status when the method is not given), `claimed`, then
 * `paid_out` (its transfer completed); a transfer's or batch's fixed stages.
 */
export function stagesOf(kind: ResourceKind, r: ResourceByKind[ResourceKind]): string[] {
  if (kind === 'flow') return (r as Flow).steps.map(flowStepName);
  if (kind === 'transfer') return ['created', 'pending', 'completed'];
  if (kind === 'payout_batch') return ['created', 'processing', 'paying_out', 'completed'];
  const l = r as PayoutLink;
  const method = l.delivery?.method;
  const messaged = method ? method !== 'link' : MESSAGED.includes(l.status);
  return ['created', ...(messaged ? MESSAGED.slice(0, 3) : []), 'claimed', 'paid_out'];
}

/** The {@link ResourceStatus} of a followed resource (a payout link with its transfer, when known). */
export function statusOf(
  kind: ResourceKind,
  r: ResourceByKind[ResourceKind],
  transfer?: Transfer,
): ResourceStatus {
  if (kind === 'flow') return isFlowComplete(r as Flow) ? 'completed' : 'in_progress';
  const t = transfer?.status;
  return kind === 'payout_link' && t && t !== 'created' && t !== 'pending'
    ? t === 'completed'
      ? 'paid_out'
      : t
    : (r as PayoutBatch | PayoutLink | Transfer).status;
}

/** Tone of a status; terminal = success or failure. */
export const toneOf = (status: ResourceStatus): PayoutStatusTone =>
  status === 'paid_out' || status === 'completed'
    ? 'success'
    : FAILURE.has(status)
      ? 'failure'
      : status === 'flagged'
        ? 'warning'
        : 'pending';
