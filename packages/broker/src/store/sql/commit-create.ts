import type { CreateCommit, CreateCommitPort } from '../commit-port';
import type { SqlPortContext } from './context';
import { appendEventsProgram } from './event-log';
import { completeIdempotencyQuery } from './idempotency';
import { recordOwnerQuery } from './ownership';
import type { SqlProgram } from './program';
import { saveStateQuery } from './resource-states';
import { type StreamEventRow, toStreamEvent } from './rows';

/** Everything a create writes, in the order `commitCreate` promises. */
function* commitCreateProgram(
  ctx: SqlPortContext,
  commit: CreateCommit,
  at: number,
): SqlProgram<StreamEventRow[]> {
  const { db } = ctx;
  const { key, status, body } = commit.idempotency;
  yield completeIdempotencyQuery(db, key, status, body).compile();
  for (const o of commit.owners ?? []) {
    yield recordOwnerQuery(db, { ...o, relation: o.relation ?? 'owner', at }).compile();
  }
  for (const s of commit.states ?? []) yield saveStateQuery(db, s, ctx.stateTime()).compile();
  return yield* appendEventsProgram(ctx, commit.events ?? [], at);
}

/** The create port in SQL: one program, run atomically by the dialect. */
export function sqlCommitCreate(ctx: SqlPortContext): CreateCommitPort {
  return {
    async commitCreate(commit) {
      ctx.open();
      await ctx.wrote();
      const rows = await ctx.run(commitCreateProgram(ctx, commit, ctx.now()), true);
      // Subscribers get their own copies: one that changes an event changes nobody else's.
      ctx.config.published(rows.map(toStreamEvent));
      return rows.map(toStreamEvent);
    },
  };
}
