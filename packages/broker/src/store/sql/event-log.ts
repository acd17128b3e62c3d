import type { NewStreamEvent } from '../commit-port';
import { toJson } from '../json';
import type { EventLogPort } from '../ports';
import type { SqlPortContext } from './context';
import type { SqlProgram } from './program';
import { type StreamEventRow, toStreamEvent } from './rows';

/**
 * Appends `events` at `at` (an event with `once` only when its marker is new); returns the
 * inserted rows in order.
 */
export function* appendEventsProgram(
  ctx: Pick<SqlPortContext, 'statements' | 'insertEvent'>,
  events: readonly NewStreamEvent[],
  at: number,
): SqlProgram<StreamEventRow[]> {
  const rows: StreamEventRow[] = [];
  for (const e of events) {
    if (
      e.once !== undefined &&
      (yield ctx.statements.markOnce({ key: e.once, created_at: at })).length === 0
    )
      continue;
    const [row] = yield ctx.insertEvent(e.owner, e.type, toJson(e.data), at);
    if (!row) throw new Error('[dotskit] stream event insert returned no row');
    rows.push(row as StreamEventRow);
  }
  return rows;
}

/** The event-log port in SQL: appends go through the dialect's `insertEvent` and `published`. */
export function sqlEventLog(ctx: SqlPortContext): EventLogPort {
  const { db, now, open, wrote } = ctx;
  return {
    async appendEvent(owner, type, data) {
      open();
      await wrote();
      const rows = await ctx.run(appendEventsProgram(ctx, [{ owner, type, data }], now()), true);
      ctx.config.published(rows.map(toStreamEvent));
      return toStreamEvent(rows[0] as StreamEventRow);
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
      const rows = await ctx.query(ctx.statements.markOnce({ key, created_at: now() }));
      return rows.length > 0;
    },
  };
}
