import type { SandboxEngine } from './engine';
import { SandboxError } from './errors';
import { newId } from './ids';
import { payout } from './money';
import type { BatchItem, Metadata, PayoutBatchRecord } from './types';

/** Fields a payout batch is created with (already validated). */
export interface NewPayoutBatch {
  items: BatchItem['request'][];
  idempotency_key?: string | null;
  metadata?: Metadata;
}

/** Items paid per emulated batch tick. */
const CHUNK = 25;

/**
 * Creates a batch in `created` and drives it on the emulated clock: `processing` (items
 * paid out in chunks, each counted as succeeded or failed with Dots' error code), then
 * `paying_out` until the item transfers settle, then `completed`.
 */
export function createPayoutBatch(
  engine: SandboxEngine,
  appId: string,
  input: NewPayoutBatch,
): PayoutBatchRecord {
  const batch: PayoutBatchRecord = {
    id: newId(),
    app_id: appId,
    created: engine.clock.now(),
    idempotency_key: input.idempotency_key ?? null,
    status: 'created',
    metadata: input.metadata ?? null,
    items: input.items.map((request) => ({
      request,
      transfer_id: null,
      error_code: null,
      error_message: null,
    })),
    processed: 0,
  };
  engine.store.batches.set(batch.id, batch);
  const step = engine.timings.batchStepMs;
  const tick = () => {
    if (engine.store.batches.get(batch.id) !== batch) return; // reset
    if (batch.status === 'created') batch.status = 'processing';
    else if (batch.status === 'processing') processChunk(engine, batch);
    else if (batch.status === 'paying_out') {
      batch.status = 'completed';
      return;
    }
    if (batch.status === 'processing' && batch.processed === batch.items.length) {
      batch.status = 'paying_out';
      // Completes once the item transfers have had time to settle.
      engine.clock.setTimeout(tick, Math.max(step, engine.timings.transferSettleMs + 1));
      return;
    }
    engine.clock.setTimeout(tick, step);
  };
  engine.clock.setTimeout(tick, step);
  return batch;
}

function processChunk(engine: SandboxEngine, batch: PayoutBatchRecord): void {
  for (const item of batch.items.slice(batch.processed, batch.processed + CHUNK)) {
    const r = item.request;
    try {
      const user = engine.store.users.get(r.user_id);
      if (!user || user.app_id !== batch.app_id)
        throw new SandboxError({
          code: 'invalid-input',
          message: `No user with id ${r.user_id}.`,
          status: 400,
        });
      const t = payout(engine, batch.app_id, user, {
        amount: r.amount,
        platform: typeof r.platform === 'string' ? r.platform : 'default',
        fund: true,
        metadata: (r.metadata as Metadata | undefined) ?? null,
        tax_exempt: r.tax_exempt === true,
      });
      item.transfer_id = t.id;
    } catch (err) {
      // Answered as Dots would: its code and message, never a thrown error's text.
      item.error_code = err instanceof SandboxError ? err.code : 'service-unavailable';
      item.error_message = err instanceof SandboxError ? err.dotsMessage : 'Payout failed.';
    }
    batch.processed += 1;
  }
}
