/**
 * Wire shapes of the broker's seller views: list pages and the wallet. Kept in this one
 * file, local to the package, until `@dotskit/api/wire` publishes the broker's own types
 * for them; then these become re-exports of those.
 */
import type {
  BrokerErrorCode,
  PayoutLink,
  PayoutLinkStatus,
  Transfer,
  TransferStatus,
} from '@dotskit/api/wire';

/** One page of `GET /transfers` or `GET /payout-links`: newest first. */
export interface ListPage<T> {
  data: T[];
  /** True when older items follow; ask for them with `starting_after` = the last id. */
  has_more: boolean;
}

/** `GET /wallet`: the principal's linked Dots user's wallet, in cents. */
export interface Wallet {
  user_id: string;
  amount: number;
  withdrawable_amount: number;
  credit_balance: number;
}

/**
 * The wallet of a `wallet.updated` frame on the broker's stream (its data is the same
 * object `GET /wallet` answers), or `null` when the data is not one.
 */
export function parseWallet(data: string): Wallet | null {
  try {
    const w = JSON.parse(data);
    return typeof w?.user_id === 'string' &&
      typeof w.amount === 'number' &&
      typeof w.withdrawable_amount === 'number'
      ? w
      : null;
  } catch {
    return null;
  }
}

/** The broker's error code of `GET /wallet` when the principal has no Dots user yet. */
export const NO_LINKED_USER: BrokerErrorCode = 'no_linked_user';

/** Which list: the principal's transfers or payout links. */
export type HistoryKind = 'transfers' | 'payout-links';

/** The items and status filter of each list. */
export interface HistoryItem {
  transfers: Transfer;
  'payout-links': PayoutLink;
}

/** The status filter of each list (`paid_out`: claimed, and its transfer completed). */
export interface HistoryStatus {
  transfers: TransferStatus;
  'payout-links': PayoutLinkStatus | 'paid_out';
}

/** `limit` of a list page: 1..100, default 20. */
export const LIST_LIMIT = { min: 1, max: 100, default: 20 } as const;
