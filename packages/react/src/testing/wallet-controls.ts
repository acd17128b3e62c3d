import type { Transfer } from '@dotskit/api/wire';
import type { Wallet } from '../seller-wire';
import { uid } from '../uid';
import type { FakeBroker } from './types';

/** What the wallet controls need from the fake. */
export interface WalletDeps {
  /** The default principal. */
  principal: string;
  /** Pushes a resource's event to its owner (`transfer.updated` for a transfer). */
  emit(kind: 'transfer', r: Transfer): Transfer;
  /** Pushes `wallet.updated` with the principal's wallet, when it has one. */
  pushWallet(principal: string): void;
}

/**
 * `setWallet`, `fund` and `withdraw` of the fake broker: the principal's linked user's
 * wallet and the transfers that move it.
 */
export function walletControls(
  fb: () => FakeBroker,
  { principal, emit, pushWallet }: WalletDeps,
): Pick<FakeBroker, 'setWallet' | 'fund' | 'withdraw'> {
  const walletOf = (p: string) => {
    const w = fb().wallets.get(p);
    if (!w)
      throw new TypeError(
        `[dotskit] fake broker: principal ${p} has no linked user (setWallet first)`,
      );
    return w;
  };
  return {
    setWallet(patch = {}, { principal: p = principal, push: ps = true } = {}) {
      const w: Wallet = {
        user_id: uid(),
        amount: 0,
        withdrawable_amount: 0,
        credit_balance: 0,
        ...fb().wallets.get(p),
        ...patch,
      };
      fb().wallets.set(p, w);
      if (ps) pushWallet(p);
      return w;
    },
    fund(cents, { principal: p = principal } = {}) {
      const w = walletOf(p);
      w.amount += cents;
      w.withdrawable_amount += cents;
      const t = fb().createTransfer(
        { amount: -cents, type: 'balance', status: 'completed', user_id: w.user_id },
        { principal: p },
      );
      emit('transfer', t);
      pushWallet(p);
      return t;
    },
    withdraw(cents, { principal: p = principal } = {}) {
      const w = walletOf(p);
      w.amount -= cents;
      w.withdrawable_amount -= cents;
      const t = fb().createTransfer(
        { amount: cents, type: 'payout', status: 'pending', user_id: w.user_id },
        { principal: p },
      );
      emit('transfer', t);
      pushWallet(p);
      return t;
    },
  };
}
