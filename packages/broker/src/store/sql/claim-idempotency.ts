import type { Kysely } from 'kysely';
import { fromJson } from '../json';
import type { IdempotencyClaim } from '../ports';
import type { BrokerDatabase } from '../schema';

/**
 * One attempt at claiming an idempotency key at time `at`: a single upsert that inserts
 * the key, or takes over a row whose ttl ended or whose pending lease ran out; then, when
 * the key is held, reads it to answer pending / done / mismatch. Resolves `undefined` when
 * the row changed between the two statements (released, expired): the caller retries.
 */
export async function claimIdempotencyOnce(
  db: Kysely<BrokerDatabase>,
  key: string,
  requestHash: string,
  ttlMs: number,
  at: number,
  leaseMs: number,
): Promise<IdempotencyClaim | undefined> {
  const fresh = {
    request_hash: requestHash,
    state: 'pending' as const,
    status: null,
    response: null,
    expires_at: at + ttlMs,
    lease_until: at + Math.min(leaseMs, ttlMs),
  };
  // Inserts, or takes over an expired row; a live row is left alone and nothing is returned.
  const won = await db
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
    .executeTakeFirst();
  if (won) return { state: 'claimed' };
  const row = await db
    .selectFrom('idempotency')
    .select(['request_hash', 'state', 'status', 'response', 'expires_at', 'lease_until'])
    .where('key', '=', key)
    .executeTakeFirst();
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
