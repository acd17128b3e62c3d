import type { CreateCommit, CreateCommitPort } from '../commit-port';
import { toJson } from '../json';
import type { SqlPortContext } from './context';
import { appendEventsProgram } from './event-log';
import type { SqlProgram } from './program';
import { type StreamEventRow, toStreamEvent } from './rows';

/** Everything a create writes, in the order `commitCreate` promises. */
function* commitCreateProgram(
  ctx: SqlPortContext,
  commit: CreateCommit,
  at: number,
): SqlProgram<StreamEventRow[]> {
  const { statements } = ctx;
  const { key, status, body } = commit.idempotency;
  yield statements.completeIdempotency({ key, status, response: toJson(body) });
  for (const { kind, id, owner, relation } of commit.owners ?? []) {
    yield statements.recordOwner({
      kind,
      id,
      owner,
      relation: relation ?? 'owner',
      created_at: at,
    });
  }
  for (const { kind, id, owner, status, data } of commit.states ?? []) {
    const stateAt = ctx.stateTime();
    yield statements.saveResourceState({
      kind,
      id,
      owner,
      status,
      data: toJson(data),
      at: stateAt,
    });
  }
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
