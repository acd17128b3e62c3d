import type { Kysely } from 'kysely';
import type { OwnerRelation, OwnershipPort, ResourceKind } from '../ports';
import type { BrokerDatabase } from '../schema';
import type { SqlPortContext } from './context';

/** The statement that records an owner, keeping an existing record (`recordOwner`, `commitCreate`). */
export const recordOwnerQuery = (
  db: Kysely<BrokerDatabase>,
  row: { kind: ResourceKind; id: string; owner: string; relation: OwnerRelation; at: number },
) =>
  db
    .insertInto('ownership')
    .values({
      kind: row.kind,
      id: row.id,
      owner: row.owner,
      relation: row.relation,
      created_at: row.at,
    })
    .onConflict((oc) => oc.columns(['kind', 'id']).doNothing());

/** The ownership port in SQL. */
export function sqlOwnership(ctx: SqlPortContext): OwnershipPort {
  const { db, now, open } = ctx;
  return {
    async recordOwner(kind, id, owner, relation = 'owner') {
      open();
      await recordOwnerQuery(db, { kind, id, owner, relation, at: now() }).execute();
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
