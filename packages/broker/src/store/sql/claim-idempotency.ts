import type { Kysely } from 'kysely';
import { fromJson } from '../json';
import type { IdempotencyClaim } from '../ports';
import type { BrokerDatabase } from '../schema';
import type { SqlProgram } from './program';

/** Where a claim happens: the database, the time, the store's pending-claim lease. */
export interface ClaimAt {
  db: Kysely<BrokerDatabase>;
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
  { db, at, leaseMs }: ClaimAt,
  key: string,
  requestHash: string,
  ttlMs: number,
): SqlProgram<IdempotencyClaim | undefined> {
  const fresh = {
    request_hash: requestHash,
    state: 'pending' as const,
    status: null,
    response: null,
    expires_at: at + ttlMs,
    lease_until: at + Math.min(leaseMs, ttlMs),
  };
  // Inserts, or takes over an expired row; a live row is left alone and nothing is returned.
  const won = yield db
    .insertInto('idempotency')
    .values({ key, ...fresh })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet(fresh)
        .where((eb) =>
          eb.or([
            eb('idempotency.expires_at', '<=', at),
            eb.and([
              eb('idempotency.state', '=', 'pending'),
              eb('idempotency.lease_until', '<=', at),
            ]),
          ]),
        ),
    )
    .returning('key')
    .compile();
  if (won.length > 0) return { state: 'claimed' };
  const [row] = (yield db
    .selectFrom('idempotency')
    .select(['request_hash', 'state', 'status', 'response', 'expires_at', 'lease_until'])
    .where('key', '=', key)
    .compile()) as Array<{
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
