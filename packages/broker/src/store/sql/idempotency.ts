import type { Kysely, Updateable } from 'kysely';
import { toJson } from '../json';
import type { IdempotencyPort } from '../ports';
import type { BrokerDatabase, IdempotencyTable } from '../schema';
import { claimIdempotencyOnce } from './claim-idempotency';
import type { SqlPortContext } from './context';

/** Changes a key only while its first request is still running. */
const updatePending = (
  db: Kysely<BrokerDatabase>,
  key: string,
  set: Updateable<IdempotencyTable>,
) => db.updateTable('idempotency').set(set).where('key', '=', key).where('state', '=', 'pending');

/** The idempotency port in SQL. */
export function sqlIdempotency(ctx: SqlPortContext): IdempotencyPort {
  const { db, now, open, wrote } = ctx;
  return {
    async claimIdempotency(key, requestHash, ttlMs) {
      open();
      await wrote();
      for (let attempt = 0; attempt < 5; attempt++) {
        const at = { statements: ctx.statements, at: now(), leaseMs: ctx.config.leaseMs };
        // Not atomic on PostgreSQL: the upsert alone decides, the read only reports.
        const claim = await ctx.run(claimIdempotencyOnce(at, key, requestHash, ttlMs), false);
        if (claim) return claim;
      }
      // Only reachable if the key is released again and again under our feet.
      return { state: 'pending' };
    },
    async completeIdempotency(key, status, body) {
      open();
      await ctx.query(ctx.statements.completeIdempotency({ key, status, response: toJson(body) }));
    },
    async renewIdempotencyLease(key) {
      open();
      await updatePending(db, key, { lease_until: now() + ctx.config.leaseMs }).execute();
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
