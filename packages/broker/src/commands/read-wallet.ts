import type { DotsResource } from '../dots-client';
import { BrokerError, rethrowTyped } from '../errors';
import type { Caller, CommandContext } from './context';
import { assertPrincipal } from './pipeline';
import { callDots, callOptions } from './upstream';

/** A Dots user's wallet, in cents, as `GET /wallet` and `wallet.updated` carry it. */
export interface WalletBalance {
  user_id: string;
  amount: number;
  withdrawable_amount: number;
  credit_balance: number;
}

const cents = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The wallet part of a Dots user object. */
export function walletOf(user: DotsResource): WalletBalance {
  const wallet = (user.wallet ?? {}) as Record<string, unknown>;
  return {
    user_id: user.id,
    amount: cents(wallet.amount),
    withdrawable_amount: cents(wallet.withdrawable_amount),
    credit_balance: cents(wallet.credit_balance),
  };
}

/**
 * `readWallet`: the wallet of the principal's own linked Dots user, read from Dots for
 * that user only; 404 `no_linked_user` while the principal has none. Writes nothing.
 */
export async function readWallet(ctx: CommandContext, caller: Caller): Promise<WalletBalance> {
  assertPrincipal(caller.principal);
  const userId = await ctx
    .ready()
    .then(() => ctx.identity.linkedUser(caller.principal))
    .catch(rethrowTyped);
  if (!userId) {
    throw new BrokerError({
      code: 'no_linked_user',
      message: 'This user has no Dots account yet: finish onboarding (a DotsFlow) first.',
    });
  }
  const user = await callDots(ctx, 'users.retrieve', () =>
    ctx.client.users.retrieve(userId, callOptions(caller)),
  );
  return walletOf(user);
}
