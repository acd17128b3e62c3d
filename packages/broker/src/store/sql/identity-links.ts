import type { IdentityLinksPort } from '../ports';
import type { SqlPortContext } from './context';

/** The identity-links port in SQL: first link wins, atomically (`ON CONFLICT DO NOTHING`). */
export function sqlIdentityLinks(ctx: SqlPortContext): IdentityLinksPort {
  const { db, now, open } = ctx;
  return {
    async linkUser(owner, dotsUserId) {
      open();
      await db
        .insertInto('linked_users')
        .values({ owner, dots_user_id: dotsUserId, updated_at: now() })
        .onConflict((oc) => oc.column('owner').doNothing())
        .execute();
      const row = await db
        .selectFrom('linked_users')
        .select('dots_user_id')
        .where('owner', '=', owner)
        .executeTakeFirstOrThrow();
      return row.dots_user_id;
    },
    async replaceLinkedUser(owner, dotsUserId) {
      open();
      const at = now();
      await db
        .insertInto('linked_users')
        .values({ owner, dots_user_id: dotsUserId, updated_at: at })
        .onConflict((oc) =>
          oc.column('owner').doUpdateSet({ dots_user_id: dotsUserId, updated_at: at }),
        )
        .execute();
    },
    async getLinkedUser(owner) {
      open();
      const rows = await ctx.query(ctx.statements.getLinkedUser({ owner }));
      return (rows[0] as { dots_user_id: string } | undefined)?.dots_user_id;
    },
  };
}
