import type { OwnerRelation, OwnershipPort } from '../ports';
import type { SqlPortContext } from './context';

/** The ownership port in SQL. */
export function sqlOwnership(ctx: SqlPortContext): OwnershipPort {
  const { db, now, open } = ctx;
  return {
    async recordOwner(kind, id, owner, relation = 'owner') {
      open();
      await ctx.query(ctx.statements.recordOwner({ kind, id, owner, relation, created_at: now() }));
    },
    async getOwner(kind, id) {
      open();
      const rows = await ctx.query(ctx.statements.getOwner({ kind, id }));
      const row = rows[0] as { owner: string; relation: OwnerRelation } | undefined;
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
