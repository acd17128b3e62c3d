import { type Kysely, sql } from 'kysely';
import { fromJson, toJson } from '../json';
import type { ResourceKind, ResourceStatePort } from '../ports';
import type { BrokerDatabase } from '../schema';
import type { SqlPortContext } from './context';

/** The statement that saves a resource's latest state (`saveResourceState`, `commitCreate`). */
export const saveStateQuery = (
  db: Kysely<BrokerDatabase>,
  state: { kind: ResourceKind; id: string; owner: string; status: string; data: unknown },
  at: number,
) => {
  const { kind, id, owner, status } = state;
  const json = toJson(state.data);
  return db
    .insertInto('resource_states')
    .values({ kind, id, owner, status, data: json, created_at: at, updated_at: at })
    .onConflict((oc) =>
      oc
        .columns(['kind', 'id'])
        .doUpdateSet({ status, data: json, updated_at: at })
        .where('resource_states.owner', '=', owner),
    );
};

/** The resource-state port in SQL: one upsert per save, one keyset query per page. */
export function sqlResourceStates(ctx: SqlPortContext): ResourceStatePort {
  const { db, open } = ctx;
  return {
    async saveResourceState(kind, id, owner, status, data) {
      open();
      await saveStateQuery(db, { kind, id, owner, status, data }, ctx.stateTime()).execute();
    },
    async listResourceStates(kind, owner, page) {
      open();
      const limit = Math.max(1, Math.floor(page.limit));
      let query = db
        .selectFrom('resource_states')
        .select('data')
        .where('owner', '=', owner)
        .where('kind', '=', kind);
      if (page.status !== undefined) query = query.where('status', '=', page.status);
      if (page.startingAfter !== undefined) {
        // Keyset pagination on (created_at, id), the cursor row read in the same statement.
        const cursor = sql`(select created_at, id from resource_states where kind = ${kind} and id = ${page.startingAfter} and owner = ${owner})`;
        query = query.where(sql<boolean>`(created_at, id) < ${cursor}`);
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      return {
        items: rows.slice(0, limit).map((r) => fromJson(r.data)),
        hasMore: rows.length > limit,
      };
    },
  };
}
