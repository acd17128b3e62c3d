import { fromJson } from '../json';
import type { IdempotencyClaim } from '../ports';
import type { SqlProgram } from './program';
import type { SqlStatements } from './statements';

/** Where a claim happens: the store's statements, the time, the store's pending-claim lease. */
export interface ClaimAt {
  statements: SqlStatements;
  at: number;
  leaseMs: number;
}

/**
 * One attempt at claiming an idempotency key at time `at`: a single upsert that inserts
 * the key, or takes over a row whose ttl ended or whose pending lease ran out; then, when
 * the key is held, reads it to answer pending / done / mismatch. Returns `undefined` when
 * the row changed between the two statements (released, expired): the caller retries.
 */
export function* claimIdempotencyOnce(
  { statements, at, leaseMs }: ClaimAt,
  key: string,
  requestHash: string,
  ttlMs: number,
): SqlProgram<IdempotencyClaim | undefined> {
  const won = yield statements.claimIdempotency({
    key,
    request_hash: requestHash,
    expires_at: at + ttlMs,
    lease_until: at + Math.min(leaseMs, ttlMs),
    at,
  });
  if (won.length > 0) return { state: 'claimed' };
  const [row] = (yield statements.readIdempotency({ key })) as Array<{
    request_hash: string;
    state: 'pending' | 'done';
    status: number | null;
    response: string | null;
    expires_at: number | string;
    lease_until: number | string;
  }>;
  // Released or expired between the two statements: try again.
  if (
    !row ||
    Number(row.expires_at) <= at ||
    (row.state === 'pending' && Number(row.lease_until) <= at)
  ) {
    return undefined;
  }
  if (row.request_hash !== requestHash) return { state: 'mismatch' };
  if (row.state !== 'done') return { state: 'pending' };
  return { state: 'done', status: Number(row.status), body: fromJson(row.response ?? 'null') };
}
