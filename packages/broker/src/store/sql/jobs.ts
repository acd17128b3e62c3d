import { sql } from 'kysely';
import { fromJson, toJson } from '../json';
import type { Job, JobKind, JobsPort } from '../ports';
import type { SqlPortContext } from './context';

interface JobRow {
  id: string;
  kind: string;
  payload: string;
  attempts: number | string;
  created_at: number | string;
}

/**
 * Claims up to `limit` due jobs (the longest due first), moving each one's due time to
 * `at + leaseMs` and counting the attempt, in one statement. PostgreSQL: the due rows are
 * picked in a MATERIALIZED CTE with FOR UPDATE SKIP LOCKED, so two claimers never get the
 * same row, never wait for each other's locks, and the LIMIT applies once (an IN-subquery
 * may be run again and claim more). SQLite has one writer at a time: the plain statement
 * is atomic.
 */
async function claimDue(ctx: SqlPortContext, limit: number, leaseMs: number): Promise<JobRow[]> {
  const { db, config } = ctx;
  const at = ctx.now();
  const due = sql`done_at is null and due_at <= ${at}`;
  // Cheap read first: most sweeps find nothing, and a read takes no write lock.
  const any = await sql`select 1 from jobs where ${due} limit 1`.execute(db);
  if (any.rows.length === 0) return [];
  const set = sql`due_at = ${at + leaseMs}, attempts = attempts + 1`;
  const n = Math.max(0, Math.floor(limit));
  const query =
    config.kind === 'postgres'
      ? sql<JobRow>`with due as materialized (
          select id from jobs where ${due} order by due_at limit ${n} for update skip locked)
        update jobs set ${set} where id in (select id from due)
        returning id, kind, payload, attempts, created_at`
      : sql<JobRow>`update jobs set ${set} where id in (
          select id from jobs where ${due} order by due_at limit ${n})
        returning id, kind, payload, attempts, created_at`;
  return (await query.execute(db)).rows;
}

const toJob = (r: JobRow): Job => ({
  id: r.id,
  kind: r.kind as JobKind,
  payload: fromJson(r.payload),
  attempts: Number(r.attempts),
  createdAt: Number(r.created_at),
});

/** The jobs port in SQL (same statements for SQLite and PostgreSQL). */
export function sqlJobs(ctx: SqlPortContext): JobsPort {
  const { db, now, open, wrote, config } = ctx;
  const move = async (id: string, at: number) => {
    if (config.moveJob) return config.moveJob(id, at);
    await db
      .updateTable('jobs')
      .set({ due_at: at })
      .where('id', '=', id)
      .where('done_at', 'is', null)
      .execute();
  };
  return {
    async enqueueJob(job, options = {}) {
      open();
      await wrote();
      const held = options.leaseMs !== undefined;
      const dueAt = now() + (held ? (options.leaseMs as number) : (options.dueInMs ?? 0));
      const attempts = held ? 1 : 0;
      const payload = toJson(job.payload);
      if (config.enqueueJob) return config.enqueueJob(job, payload, dueAt, attempts);
      const inserted = await db
        .insertInto('jobs')
        .values({ id: job.id, kind: job.kind, payload, created_at: now(), due_at: dueAt, attempts })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async claimDueJobs(limit, leaseMs) {
      open();
      return (await claimDue(ctx, limit, leaseMs)).map(toJob);
    },
    async extendJobLease(id, leaseMs) {
      open();
      await move(id, now() + leaseMs);
    },
    async rescheduleJob(id, dueInMs, payload) {
      open();
      if (payload === undefined) return move(id, now() + dueInMs);
      await db
        .updateTable('jobs')
        .set({ due_at: now() + dueInMs, payload: toJson(payload) })
        .where('id', '=', id)
        .where('done_at', 'is', null)
        .execute();
    },
    async completeJob(id) {
      open();
      if (config.completeJob) return config.completeJob(id, now());
      await db.updateTable('jobs').set({ done_at: now() }).where('id', '=', id).execute();
    },
    async countPendingJobs(withinMs) {
      open();
      const row = await db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('done_at', 'is', null)
        .where('due_at', '<=', now() + withinMs)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async countJobs(kind) {
      open();
      let query = db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n'));
      if (kind) query = query.where('kind', '=', kind);
      return Number((await query.executeTakeFirstOrThrow()).n);
    },
  };
}
