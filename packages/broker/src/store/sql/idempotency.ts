import { toJson } from '../json';
import type { IdempotencyPort } from '../ports';
import { claimIdempotencyOnce } from './claim-idempotency';
import type { SqlPortContext } from './context';

/** The idempotency port in SQL. */
export function sqlIdempotency(ctx: SqlPortContext): IdempotencyPort {
  const { db, now, open, wrote } = ctx;
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
      await db
        .updateTable('idempotency')
        .set({ state: 'done', status, response: toJson(body) })
        .where('key', '=', key)
        .where('state', '=', 'pending')
        .execute();
    },
    async renewIdempotencyLease(key) {
      open();
      await db
        .updateTable('idempotency')
        .set({ lease_until: now() + ctx.config.leaseMs })
        .where('key', '=', key)
        .where('state', '=', 'pending')
        .execute();
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
