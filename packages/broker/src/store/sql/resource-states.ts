import { sql } from 'kysely';
import { fromJson, toJson } from '../json';
import type { ResourceStatePort } from '../ports';
import type { SqlPortContext } from './context';

/** The resource-state port in SQL: one upsert per save, one keyset query per page. */
export function sqlResourceStates(ctx: SqlPortContext): ResourceStatePort {
  const { db, open } = ctx;
  return {
    async saveResourceState(kind, id, owner, status, data) {
      open();
      const at = ctx.stateTime();
      await ctx.query(
        ctx.statements.saveResourceState({ kind, id, owner, status, data: toJson(data), at }),
      );
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
