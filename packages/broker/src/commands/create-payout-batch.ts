import { randomUUID } from 'node:crypto';
import { upstreamIdempotencyKey } from '../idempotency';
import type { Principal } from '../types';
import { hostPayoutBatchBodySchema } from './bodies';
import type { CreateCommand } from './pipeline';

/**
 * Fills missing per-item idempotency keys of a batch (Dots requires a UUID per item):
 * derived from the batch's own key when there is one, so that a retried batch sends the
 * same keys. Runs before validation, on the host's body.
 */
export function withItemKeys(principal: Principal, body: unknown, batchKey?: string): unknown {
  const b = (body ?? {}) as { items?: unknown; idempotency_key?: unknown };
  if (!Array.isArray(b.items)) return body;
  const key = batchKey ?? (typeof b.idempotency_key === 'string' ? b.idempotency_key : undefined);
  const items = b.items.map((item: unknown, i) => {
    if (!item || typeof item !== 'object') return item;
    if ((item as { idempotency_key?: unknown }).idempotency_key !== undefined) return item;
    const itemKey = key
      ? upstreamIdempotencyKey(JSON.stringify([principal.sub, 'payoutBatches', key, 'item', i]))
      : randomUUID();
    return { ...item, idempotency_key: itemKey };
  });
  return { ...b, items };
}

/** `createPayoutBatch` (server-side only): many payouts at once, followed until completed. */
export const createPayoutBatch: CreateCommand = {
  name: 'payoutBatches',
  kind: 'payout_batch',
  schemas: { server: hostPayoutBatchBodySchema },
  amounts: (body) => (body.items as Array<{ amount: number }>).map((item) => item.amount),
  call: (client, body, options) => client.payoutBatches.create(body as never, options),
  beforeCommit: (ctx, owner, batch) => ctx.watchBatch(owner, batch),
  records: (owner, batch) => ({ events: [{ owner, type: 'payout_batch.updated', data: batch }] }),
};
