import {
  type PayoutLink,
  parseDotsTime,
  type ResourceKind,
  type Transfer,
} from '@dotskit/api/wire';
import type { HistoryItem, HistoryKind } from './seller-wire';
import { type ResourceStatus, statusOf } from './status-model';
import { resourceKey } from './store';

/** The store kind of each list. */
export const KIND_OF: Record<HistoryKind, 'transfer' | 'payout_link'> = {
  transfers: 'transfer',
  'payout-links': 'payout_link',
};

/** What a list has loaded so far. */
export interface LoadedList {
  /** Ids of the pages loaded, in the broker's order (newest first). */
  ids: string[];
  hasMore: boolean;
}

/**
 * The rows a list shows, newest first: the items of the pages loaded (kept even when their
 * status leaves the filter), plus every other item of this kind the store holds (pushed
 * on the event stream, or read) that matches the filter and is not older than the last
 * loaded item while older pages remain — what a reload would show. Items without a
 * readable `created` sort first; ties keep the broker's order.
 */
export function rowsOf<K extends HistoryKind>(
  kind: K,
  resources: Record<string, unknown>,
  list: LoadedList,
  status?: string,
): HistoryItem[K][] {
  const storeKind: ResourceKind = KIND_OF[kind];
  const at = (id: string) => resources[resourceKey(storeKind, id)] as HistoryItem[K] | undefined;
  const loaded = list.ids.map(at).filter((r): r is HistoryItem[K] => !!r);
  const seen = new Set(list.ids);
  const last = loaded.at(-1);
  const floor = list.hasMore && last ? parseDotsTime(last.created) : Number.NEGATIVE_INFINITY;
  const prefix = `${storeKind}:`;
  const extra: HistoryItem[K][] = [];
  for (const [key, r] of Object.entries(resources)) {
    if (!key.startsWith(prefix)) continue;
    const item = r as HistoryItem[K];
    if (seen.has(item.id) || (status && item.status !== status)) continue;
    // Missing or unreadable time: treated as new (an event's resource always has one).
    const t = parseDotsTime(item.created);
    if (Number.isNaN(t) || t >= floor) extra.push(item);
  }
  const order = (r: HistoryItem[K]) => {
    const t = parseDotsTime(r.created);
    return Number.isNaN(t) ? Number.MAX_VALUE : t;
  };
  // Stable sort: the broker's order holds among equal times.
  return [...extra, ...loaded].sort((a, b) => order(b) - order(a));
}

/** The status a row shows: a payout link follows its transfer (`paid_out`) when the store holds it. */
export function rowStatus(
  kind: HistoryKind,
  item: Transfer | PayoutLink,
  resources: Record<string, unknown>,
): ResourceStatus {
  if (kind === 'transfers') return item.status;
  const l = item as PayoutLink;
  const t = l.transfer_id
    ? (resources[resourceKey('transfer', l.transfer_id)] as Transfer | undefined)
    : undefined;
  return statusOf('payout_link', l, t);
}

/** Which message describes a row: a transfer by direction and type, a link by its memo. */
export function describe(
  kind: HistoryKind,
  item: Transfer | PayoutLink,
  m: { received: string; payout: string; sent: string; payoutLink: string },
): string {
  if (kind === 'payout-links') return (item as PayoutLink).memo || m.payoutLink;
  const t = item as Transfer;
  return t.amount < 0 ? m.received : t.type === 'payout' ? m.payout : m.sent;
}
