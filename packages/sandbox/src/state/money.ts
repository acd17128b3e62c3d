import type { SandboxEngine } from './engine';
import { insufficientFunds, invalidInput, notFound, SandboxError } from './errors';
import { newId } from './ids';
import { payoutLinkEventBody, serializeTransfer } from './serialize';
import type { AppRecord, Metadata, TransferRecord, UserRecord } from './types';

/** The app `appId`, or 404. */
export function getApp(engine: SandboxEngine, appId: string): AppRecord {
  const app = engine.store.apps.get(appId);
  if (!app) throw notFound('app', appId);
  return app;
}

/** The user `userId` of app `appId`, or a 400 naming the field (`field`) that referenced it. */
export function userForApp(
  engine: SandboxEngine,
  appId: string,
  userId: string,
  field = 'user_id',
): UserRecord {
  const user = engine.store.users.get(userId);
  if (!user || user.app_id !== appId) throw invalidInput(`No user with id ${userId}.`, field);
  return user;
}

interface NewTransfer {
  appId: string;
  user: UserRecord;
  type: TransferRecord['type'];
  amount: number;
  status: TransferRecord['status'];
  platform?: string | null;
  payoutLinkId?: string | null;
  flowId?: string | null;
  metadata?: Metadata;
  taxExempt?: boolean;
}

function record(engine: SandboxEngine, t: NewTransfer): TransferRecord {
  const app = getApp(engine, t.appId);
  const now = engine.clock.now();
  const userName = `${t.user.first_name} ${t.user.last_name}`;
  const toUser = t.type === 'payout' ? (t.platform ?? 'payout') : userName;
  const transfer: TransferRecord = {
    id: newId(),
    app_id: t.appId,
    created: now,
    user_id: t.user.id,
    status: t.status,
    type: t.type,
    amount: t.amount,
    platform: t.platform ?? null,
    payout_link_id: t.payoutLinkId ?? null,
    flow_id: t.flowId ?? null,
    metadata: t.metadata ?? null,
    tax_exempt: t.taxExempt ?? false,
    transactions: [
      {
        id: engine.store.nextTransactionId++,
        amount: Math.abs(t.amount),
        created: now,
        type: t.type === 'payout' ? 'payout' : 'balance',
        source: t.type === 'payout' || t.amount > 0 ? userName : app.name,
        destination: t.type === 'payout' || t.amount < 0 ? toUser : app.name,
      },
    ],
  };
  engine.store.transfers.set(transfer.id, transfer);
  return transfer;
}

function emitTransfer(engine: SandboxEngine, t: TransferRecord): void {
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

/**
 * Moves money between the app wallet and a user wallet at once (a `balance` transfer):
 * a negative amount goes from the app to the user, a positive one from the user to the app.
 * Throws `transaction-insufficient-funds` when the paying wallet is short.
 */
export function balanceTransfer(
  engine: SandboxEngine,
  appId: string,
  user: UserRecord,
  amount: number,
  extra: Pick<NewTransfer, 'metadata' | 'taxExempt' | 'payoutLinkId'> = {},
): TransferRecord {
  if (!Number.isInteger(amount) || amount === 0)
    throw invalidInput('amount must be a non-zero integer number of cents.', 'amount');
  const app = getApp(engine, appId);
  if (amount < 0) {
    if (app.wallet < -amount) throw insufficientFunds('app', -amount, app.wallet);
    app.wallet += amount;
    user.wallet -= amount;
  } else {
    if (user.wallet < amount) throw insufficientFunds('user', amount, user.wallet);
    user.wallet -= amount;
    app.wallet += amount;
  }
  const t = record(engine, { appId, user, type: 'balance', amount, status: 'completed', ...extra });
  emitTransfer(engine, t);
  return t;
}

/** What a payout needs (after validation). */
export interface PayoutInput {
  amount: number;
  platform: string;
  fund?: boolean;
  metadata?: Metadata;
  tax_exempt?: boolean;
  payoutLinkId?: string | null;
  flowId?: string | null;
}

/**
 * Pays `amount` out of the user's wallet to one of their payout methods (`platform`, or
 * `default`), funding the wallet from the app first when `fund` is set. The transfer starts
 * `pending` and settles on the emulated clock: PayPal and Venmo complete, ACH fails (as in
 * Dots' sandbox) and the money returns to the user's wallet.
 */
export function payout(
  engine: SandboxEngine,
  appId: string,
  user: UserRecord,
  input: PayoutInput,
): TransferRecord {
  if (!Number.isInteger(input.amount) || input.amount <= 0)
    throw invalidInput('amount must be a positive integer number of cents.', 'amount');
  const platform = input.platform === 'default' ? user.default_payout_method : input.platform;
  if (!platform)
    throw new SandboxError(
      400,
      'user-info-missing',
      'The user has no default payout method; complete a manage-payouts flow first.',
      [{ field: 'platform', message: 'no default payout method' }],
    );
  if (!user.payout_methods.some((m) => m.platform === platform)) {
    throw new SandboxError(
      400,
      'user-info-missing',
      `The user has no ${platform} payout method connected.`,
      [{ field: 'platform', message: `no ${platform} payout method` }],
    );
  }
  if (user.payout_options_exclude_list.includes(platform))
    throw invalidInput(`Payouts to ${platform} are excluded for this user.`, 'platform');
  const app = getApp(engine, appId);
  if (input.fund) {
    if (app.wallet < input.amount) throw insufficientFunds('app', input.amount, app.wallet);
    balanceTransfer(engine, appId, user, -input.amount, { metadata: input.metadata ?? null });
  }
  if (user.wallet < input.amount) throw insufficientFunds('user', input.amount, user.wallet);
  user.wallet -= input.amount;
  const t = record(engine, {
    appId,
    user,
    type: 'payout',
    amount: input.amount,
    status: 'pending',
    platform,
    payoutLinkId: input.payoutLinkId ?? null,
    flowId: input.flowId ?? null,
    metadata: input.metadata ?? null,
    taxExempt: input.tax_exempt ?? false,
  });
  emitTransfer(engine, t);
  engine.clock.setTimeout(() => settle(engine, t.id), engine.timings.transferSettleMs);
  return t;
}

function settle(engine: SandboxEngine, transferId: string): void {
  const t = engine.store.transfers.get(transferId);
  const user = t && engine.store.users.get(t.user_id);
  if (!t || !user || t.status !== 'pending') return;
  if (t.platform === 'ach') {
    t.status = 'failed';
    user.wallet += t.amount;
  } else {
    t.status = 'completed';
    const app = engine.store.apps.get(t.app_id);
    if (app) app.money_out += t.amount;
  }
  emitTransfer(engine, t);
  const link = t.payout_link_id ? engine.store.payoutLinks.get(t.payout_link_id) : undefined;
  if (link && t.status === 'completed') {
    link.paid_out = true;
    engine.emit('payout_link.paid_out', payoutLinkEventBody(link, engine.origin));
    engine.emit('payout_link.updated', { event: 'payout_link.updated', payout_link_id: link.id });
  }
}
