import type { RateLimitPort } from '../ports';
import type { SqlPortContext } from './context';

/** The rate-limit port in SQL: one upsert per hit, so instances agree. */
export function sqlRateLimits(ctx: SqlPortContext): RateLimitPort {
  const { db, now, open, wrote } = ctx;
  return {
    async hitRateLimit(key, windowMs) {
      open();
      await wrote();
      const at = now();
      const resetAt = at + windowMs;
      const row = await db
        .insertInto('rate_limits')
        .values({ key, hits: 1, reset_at: resetAt })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            hits: eb
              .case()
              .when('rate_limits.reset_at', '<=', at)
              .then(1)
              .else(eb('rate_limits.hits', '+', 1))
              .end(),
            reset_at: eb
              .case()
              .when('rate_limits.reset_at', '<=', at)
              .then(resetAt)
              .else(eb.ref('rate_limits.reset_at'))
              .end(),
          })),
        )
        .returning(['hits', 'reset_at'])
        .executeTakeFirstOrThrow();
      return { hits: Number(row.hits), resetAt: Number(row.reset_at) };
    },
    async decrementRateLimit(key) {
      open();
      await db
        .updateTable('rate_limits')
        .set((eb) => ({ hits: eb('hits', '-', 1) }))
        .where('key', '=', key)
        .where('hits', '>', 0)
        .where('reset_at', '>', now())
        .execute();
    },
    async resetRateLimit(key) {
      open();
      await db.deleteFrom('rate_limits').where('key', '=', key).execute();
    },
  };
}
