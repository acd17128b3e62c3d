import type { SandboxEngine } from './engine';
import { newId } from './ids';
import { serializeTransfer } from './serialize';
import type { Metadata, TransferRecord, TransferStatus } from './types';

/** What a new transfer record is made of. */
export interface TransferFields {
  appId: string;
  userId: string | null;
  type: TransferRecord['type'];
  amount: number;
  status: TransferStatus;
  platform?: string | null;
  payoutLinkId?: string | null;
  flowId?: string | null;
  metadata?: Metadata;
  taxExempt?: boolean;
}

/** Stores a new transfer with its first `status_history` entry and no transactions yet. */
export function recordTransfer(engine: SandboxEngine, f: TransferFields): TransferRecord {
  const now = engine.clock.now();
  const transfer: TransferRecord = {
    id: newId(),
    app_id: f.appId,
    created: now,
    user_id: f.userId,
    status: f.status,
    status_history: [{ status: f.status, at: now }],
    type: f.type,
    amount: f.amount,
    platform: f.platform ?? null,
    payout_link_id: f.payoutLinkId ?? null,
    flow_id: f.flowId ?? null,
    metadata: f.metadata ?? null,
    tax_exempt: f.taxExempt ?? false,
    transactions: [],
  };
  engine.store.transfers.set(transfer.id, transfer);
  return transfer;
}

/** Adds the wallet transaction a transfer moved money with (Dots numbers them with integers). */
export function addTransaction(
  engine: SandboxEngine,
  t: TransferRecord,
  x: { amount: number; type: string; source: string; destination: string },
): void {
  t.transactions.push({ id: engine.store.nextTransactionId++, created: engine.clock.now(), ...x });
}

/** Moves a transfer to `status`, recording it in `status_history`. */
export function setTransferStatus(
  engine: SandboxEngine,
  t: TransferRecord,
  status: TransferStatus,
): void {
  t.status = status;
  t.status_history.push({ status, at: engine.clock.now() });
}

/**
 * Sends a transfer's webhooks: `transfer.updated`, then `transfer.completed` /
 * `transfer.failed` when it reached that status, and `flow.transaction_updated` for a
 * transfer made by a hosted flow.
 */
export function emitTransfer(engine: SandboxEngine, t: TransferRecord): void {
  engine.emit('transfer.updated', { event: 'transfer.updated', transfer_id: t.id });
  if (t.status === 'completed' || t.status === 'failed') {
    engine.emit(t.status === 'completed' ? 'transfer.completed' : 'transfer.failed', {
      transfer: serializeTransfer(t),
      transfer_id: t.id,
    });
  }
  if (t.flow_id)
    engine.emit('flow.transaction_updated', {
      event: 'flow.transaction_updated',
      flow_id: t.flow_id,
    });
}
