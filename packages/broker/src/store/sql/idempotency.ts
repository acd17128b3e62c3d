import type { Updateable } from 'kysely';
import { toJson } from '../json';
import type { IdempotencyPort } from '../ports';
import type { IdempotencyTable } from '../schema';
import { claimIdempotencyOnce } from './claim-idempotency';
import type { SqlPortContext } from './context';

/** The idempotency port in SQL. */
export function sqlIdempotency(ctx: SqlPortContext): IdempotencyPort {
  const { db, now, open, wrote } = ctx;
  /** Changes a key only while its first request is still running. */
  const updatePending = (key: string, set: Updateable<IdempotencyTable>) =>
    db
      .updateTable('idempotency')
      .set(set)
      .where('key', '=', key)
      .where('state', '=', 'pending')
      .execute();
  return {
    async claimIdempotency(key, requestHash, ttlMs) {
      open();
      await wrote();
      for (let attempt = 0; attempt < 5; attempt++) {
        const claim = await claimIdempotencyOnce(
          db,
          key,
          requestHash,
          ttlMs,
          now(),
          ctx.config.leaseMs,
        );
        if (claim) return claim;
      }
      // Only reachable if the key is released again and again under our feet.
      return { state: 'pending' };
    },
    async completeIdempotency(key, status, body) {
      open();
      await updatePending(key, { state: 'done', status, response: toJson(body) });
    },
    async renewIdempotencyLease(key) {
      open();
      await updatePending(key, { lease_until: now() + ctx.config.leaseMs });
    },
    async releaseIdempotency(key) {
      open();
      await db
        .deleteFrom('idempotency')
        .where('key', '=', key)
        .where('state', '=', 'pending')
        .execute();
    },
  };
}
