import type { Flow, PayoutBatch, ResourceKind } from './wire-types';

/** How a status reads: still moving, done well, done badly, or needing attention. */
export type PayoutStatusTone = 'pending' | 'success' | 'failure' | 'warning';

const FAILURE = new Set(['delivery_failed', 'reversed', 'canceled', 'expired', 'failed']);

/** Ordered stages of each kind (a flow's stages are its steps). */
export const STAGES: Record<Exclude<ResourceKind, 'flow'>, string[]> = {
  payout_link: ['created', 'delivery_pending', 'sent', 'delivered', 'claimed'],
  transfer: ['created', 'pending', 'completed'],
  payout_batch: ['created', 'processing', 'paying_out', 'completed'],
};

/** The status string of any followed resource (`completed`/`in_progress` for a flow). */
export function stateOf(kind: ResourceKind, r: unknown): string {
  if (kind === 'flow') {
    const f = r as Flow;
    return f.steps.every((s) => f.completed_steps.includes(typeof s === 'string' ? s : s.name))
      ? 'completed'
      : 'in_progress';
  }
  return (r as PayoutBatch).status;
}

/** Tone of a status; terminal = success or failure. */
export const toneOf = (state: string): PayoutStatusTone =>
  state === 'claimed' || state === 'completed'
    ? 'success'
    : FAILURE.has(state)
      ? 'failure'
      : state === 'flagged'
        ? 'warning'
        : 'pending';
