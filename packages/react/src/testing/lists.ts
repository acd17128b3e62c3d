import type { PayoutLinkStatus, TransferStatus } from '@dotskit/api/wire';
import {
  PAYOUT_LINK_STATUSES as LINK_STATUSES,
  TRANSFER_STATUSES as WIRE_TRANSFER_STATUSES,
} from '@dotskit/api/wire';
import { LIST_LIMIT, type ListPage } from '../seller-wire';
import { type FieldIssue, invalid, json } from './http';
import { isResourceId } from './ids';

/** Transfer statuses `GET /transfers?status=` accepts (the wire's list, as the broker's). */
export const TRANSFER_STATUSES: readonly TransferStatus[] = WIRE_TRANSFER_STATUSES;

/**
 * Payout-link statuses `GET /payout-links?status=` accepts: the wire's list and
 * `paid_out`, as the broker's.
 */
export const PAYOUT_LINK_STATUSES: readonly (PayoutLinkStatus | 'paid_out')[] = [
  ...(LINK_STATUSES as readonly PayoutLinkStatus[]),
  'paid_out',
];

const PARAMS = ['limit', 'starting_after', 'status'];

/**
 * Answers one list request as the broker does: `items` are the caller's own, in insertion
 * order; the page is newest first (`created` desc, later insertion first on ties),
 * `limit` 1..100 (default 20), after the item `starting_after` names, filtered by
 * `status`. A bad, repeated or unknown parameter is a 400 `invalid_input` naming each
 * field (a `starting_after` that is not an id, too); a `starting_after` that is not one
 * of the caller's items gives an empty last page, as the broker does (nothing tells a
 * foreign id from an unknown one).
 */
export function listPage<T extends { id: string; status: string; created?: string }>(
  items: T[],
  query: URLSearchParams,
  statuses: readonly string[],
): Response {
  const issues: FieldIssue[] = [];
  for (const key of new Set(query.keys()))
    if (!PARAMS.includes(key))
      issues.push({ path: key, code: 'unrecognized_keys', message: 'Unknown field' });
    else if (query.getAll(key).length > 1)
      issues.push({ path: key, code: 'invalid_type', message: 'Given more than once' });
  const rawLimit = query.get('limit');
  const limit = rawLimit === null ? LIST_LIMIT.default : Number(rawLimit);
  if (
    !/^\d+$/.test(rawLimit ?? '20') ||
    !Number.isInteger(limit) ||
    limit < LIST_LIMIT.min ||
    limit > LIST_LIMIT.max
  )
    issues.push({
      path: 'limit',
      code: 'too_big',
      message: `Must be an integer from ${LIST_LIMIT.min} to ${LIST_LIMIT.max}`,
    });
  const cursor = query.get('starting_after');
  if (cursor !== null && !isResourceId(cursor))
    issues.push({ path: 'starting_after', code: 'invalid_format', message: 'Not a resource id' });
  const status = query.get('status');
  if (status !== null && !statuses.includes(status))
    issues.push({
      path: 'status',
      code: 'invalid_value',
      message: `Must be one of ${statuses.join(', ')}`,
    });
  // Newest first: `created` desc, then the later insertion first.
  const sorted = items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => (b.item.created ?? '').localeCompare(a.item.created ?? '') || b.i - a.i)
    .map((x) => x.item);
  const after = query.get('starting_after');
  if (issues.length) return invalid(issues);
  const from = after === null ? 0 : sorted.findIndex((x) => x.id === after) + 1;
  if (after !== null && from === 0) return json(200, { data: [], has_more: false });
  const rest = sorted.slice(from).filter((x) => status === null || x.status === status);
  const page: ListPage<T> = { data: rest.slice(0, limit), has_more: rest.length > limit };
  return json(200, page);
}
