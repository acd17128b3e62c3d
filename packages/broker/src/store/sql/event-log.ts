import { toJson } from '../json';
import type { EventLogPort } from '../ports';
import type { SqlPortContext } from './context';
import { toStreamEvent } from './rows';

/** The event-log port in SQL: appends go through the dialect (`appendEvent`, which notifies subscribers). */
export function sqlEventLog(ctx: SqlPortContext): EventLogPort {
  const { db, now, open, wrote } = ctx;
  return {
    async appendEvent(owner, type, data) {
      open();
      await wrote();
      return ctx.config.appendEvent(owner, type, toJson(data), now());
    },
    async eventsSince(owner, afterId, limit) {
      open();
      const rows = await db
        .selectFrom('stream_events')
        .selectAll()
        .where('owner', '=', owner)
        .where('id', '>', Math.floor(afterId))
        .orderBy('id', 'asc')
        .limit(Math.max(0, Math.floor(limit)))
        .execute();
      return rows.map(toStreamEvent);
    },
    subscribe(listener) {
      open();
      return ctx.config.subscribe(listener);
    },
    async markOnce(key) {
      open();
      const inserted = await db
        .insertInto('once_markers')
        .values({ key, created_at: now() })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .executeTakeFirst();
      return inserted !== undefined;
    },
  };
}
