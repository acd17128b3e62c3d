import type { OwnershipPort } from '../ports';
import type { SqlPortContext } from './context';

/** The ownership port in SQL. */
export function sqlOwnership(ctx: SqlPortContext): OwnershipPort {
  const { db, now, open } = ctx;
  return {
    async recordOwner(kind, id, owner, relation = 'owner') {
      open();
      await db
        .insertInto('ownership')
        .values({ kind, id, owner, relation, created_at: now() })
        .onConflict((oc) => oc.columns(['kind', 'id']).doNothing())
        .execute();
    },
    async getOwner(kind, id) {
      open();
      const row = await db
        .selectFrom('ownership')
        .select(['owner', 'relation'])
        .where('kind', '=', kind)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { owner: row.owner, relation: row.relation };
    },
    async listOwned(kind, owner, limit, relation) {
      open();
      let query = db
        .selectFrom('ownership')
        .select('id')
        .where('owner', '=', owner)
        .where('kind', '=', kind);
      if (relation) query = query.where('relation', '=', relation);
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(Math.max(0, Math.floor(limit)))
        .execute();
      return rows.map((r) => r.id);
    },
  };
}
