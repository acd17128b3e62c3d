import type { SandboxEngine } from './engine';
import { insufficientFunds, invalidInput, notFound, SandboxError } from './errors';
import { serializePayoutLink } from './serialize';
import { addTransaction, emitTransfer, recordTransfer, setTransferStatus } from './transfers';
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
  if (!user || user.app_id !== appId || user.deleted)
    throw invalidInput(`No user with id ${userId}.`, field);
  return user;
}

const fullName = (u: UserRecord) => `${u.first_name} ${u.last_name}`;

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
  extra: { metadata?: Metadata; taxExempt?: boolean } = {},
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
  const t = recordTransfer(engine, {
    appId,
    userId: user.id,
    type: 'balance',
    amount,
    status: 'completed',
    ...extra,
  });
  addTransaction(engine, t, {
    amount: Math.abs(amount),
    type: 'balance',
    source: amount > 0 ? fullName(user) : app.name,
    destination: amount < 0 ? fullName(user) : app.name,
  });
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
  flowId?: string | null;
  /** A payout link's own transfer (status `created`): it becomes the payout instead of a new one. */
  transfer?: TransferRecord;
}

/** The user's connected method for `platform` (`default` = their default), or a 400. */
function methodFor(user: UserRecord, requested: string): string {
  const platform = requested === 'default' ? user.default_payout_method : requested;
  if (!platform)
    throw new SandboxError({
      code: 'user-info-missing',
      message: 'The user has no default payout method; complete a manage-payouts flow first.',
      status: 400,
      details: [{ field: 'platform', message: 'no default payout method' }],
    });
  if (!user.payout_methods.some((m) => m.platform === platform)) {
    throw new SandboxError({
      code: 'user-info-missing',
      message: `The user has no ${platform} payout method connected.`,
      status: 400,
      details: [{ field: 'platform', message: `no ${platform} payout method` }],
    });
  }
  if (user.payout_options_exclude_list.includes(platform))
    throw invalidInput(`Payouts to ${platform} are excluded for this user.`, 'platform');
  return platform;
}

/**
 * Pays `amount` out of the user's wallet to one of their payout methods (`platform`, or
 * `default`), funding the wallet from the app first when `fund` is set. The transfer starts
 * `pending` and settles on the emulated clock: PayPal and Venmo complete; ACH fails (in
 * Dots' sandbox bank transactions do not go through), the money returns to the user's
 * wallet and `transfer.failed` is sent.
 */
export function payout(
  engine: SandboxEngine,
  appId: string,
  user: UserRecord,
  input: PayoutInput,
): TransferRecord {
  if (!Number.isInteger(input.amount) || input.amount <= 0)
    throw invalidInput('amount must be a positive integer number of cents.', 'amount');
  const platform = methodFor(user, input.platform);
  const app = getApp(engine, appId);
  if (input.fund) {
    if (app.wallet < input.amount) throw insufficientFunds('app', input.amount, app.wallet);
    balanceTransfer(engine, appId, user, -input.amount, { metadata: input.metadata ?? null });
  }
  if (user.wallet < input.amount) throw insufficientFunds('user', input.amount, user.wallet);
  user.wallet -= input.amount;
  const t =
    input.transfer ??
    recordTransfer(engine, {
      appId,
      userId: user.id,
      type: 'payout',
      amount: input.amount,
      status: 'pending',
      metadata: input.metadata ?? null,
      taxExempt: input.tax_exempt ?? false,
    });
  if (input.transfer) {
    t.user_id = user.id;
    setTransferStatus(engine, t, 'pending');
  }
  t.platform = platform;
  t.flow_id = input.flowId ?? t.flow_id;
  addTransaction(engine, t, {
    amount: input.amount,
    type: 'payout',
    source: fullName(user),
    destination: platform,
  });
  emitTransfer(engine, t);
  engine.clock.setTimeout(() => settle(engine, t.id), engine.timings.transferSettleMs);
  return t;
}

function settle(engine: SandboxEngine, transferId: string): void {
  const t = engine.store.transfers.get(transferId);
  const user = t?.user_id ? engine.store.users.get(t.user_id) : undefined;
  if (!t || !user || t.status !== 'pending') return;
  const completed = t.platform !== 'ach';
  if (!completed) {
    setTransferStatus(engine, t, 'failed');
    user.wallet += t.amount;
  } else {
    setTransferStatus(engine, t, 'completed');
    const app = engine.store.apps.get(t.app_id);
    if (app) app.money_out += t.amount;
  }
  emitTransfer(engine, t);
  const link = t.payout_link_id ? engine.store.payoutLinks.get(t.payout_link_id) : undefined;
  if (link && completed) {
    link.paid_out = true;
    engine.emit('payout_link.paid_out', serializePayoutLink(link, engine.origin));
    engine.emit('payout_link.updated', { event: 'payout_link.updated', payout_link_id: link.id });
  }
}
