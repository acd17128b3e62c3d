import type {
  Flow,
  PayoutBatch,
  PayoutLink,
  ResourceByKind,
  ResourceKind,
  Transfer,
} from './wire-types';
import { stepName } from './wire-types';

/** How a status reads: still moving, done well, done badly, or needing attention. */
export type PayoutStatusTone = 'pending' | 'success' | 'failure' | 'warning';

const FAILURE = new Set(['delivery_failed', 'reversed', 'canceled', 'expired', 'failed']);
const MESSAGED = ['delivery_pending', 'sent', 'delivered', 'delivery_failed'];

/** A payout link changes no more: failed, or claimed and naming its transfer. */
export const linkDone = (l: PayoutLink): boolean =>
  FAILURE.has(l.status) || (l.status === 'claimed' && !!l.transfer_id);

/** A transfer changes no more. */
export const transferDone = (t: Transfer): boolean =>
  t.status === 'completed' || FAILURE.has(t.status);

/**
 * Ordered stages of a resource's timeline: a flow's steps; a payout link's `created`,
 * the delivery stages only when it is sent by sms/email (its `delivery.method`, or its
 * status when the method is not given), `claimed`, then `paid_out` (its transfer
 * completed); a transfer's or batch's fixed stages.
 */
export function stagesOf(kind: ResourceKind, r: ResourceByKind[ResourceKind]): string[] {
  if (kind === 'flow') return (r as Flow).steps.map(stepName);
  if (kind === 'transfer') return ['created', 'pending', 'completed'];
  if (kind === 'payout_batch') return ['created', 'processing', 'paying_out', 'completed'];
  const l = r as PayoutLink;
  const method = l.delivery?.method;
  const messaged = method ? method !== 'link' : MESSAGED.includes(l.status);
  return ['created', ...(messaged ? MESSAGED.slice(0, 3) : []), 'claimed', 'paid_out'];
}

/**
 * The status string of any followed resource: a flow's `completed`/`in_progress`; a
 * payout link's own status until its transfer moves on (`paid_out` once it completed,
 * else the transfer's status, e.g. `failed` or `flagged`).
 */
export function stateOf(kind: ResourceKind, r: unknown, transfer?: Transfer): string {
  if (kind === 'flow') {
    const f = r as Flow;
    return f.steps.every((s) => f.completed_steps.includes(stepName(s)))
      ? 'completed'
      : 'in_progress';
  }
  const t = transfer?.status;
  return kind === 'payout_link' && t && t !== 'created' && t !== 'pending'
    ? t === 'completed'
      ? 'paid_out'
      : t
    : (r as PayoutBatch).status;
}

/** Tone of a status; terminal = success or failure. */
export const toneOf = (state: string): PayoutStatusTone =>
  state === 'paid_out' || state === 'completed'
    ? 'success'
    : FAILURE.has(state)
      ? 'failure'
      : state === 'flagged'
        ? 'warning'
        : 'pending';
