import type { CompiledQuery, Kysely } from 'kysely';
import { sql } from 'kysely';
import {
  DEFAULT_IDEMPOTENCY_LEASE_MS,
  DEFAULT_RETENTION_MS,
  type StoreOptions,
  SWEEP_EVERY,
} from './defaults';
import type { BrokerStore } from './ports';
import type { BrokerDatabase } from './schema';
import { sqlCommitCreate } from './sql/commit-create';
import type { SqlPortContext, SqlStoreConfig } from './sql/context';
import { sqlEventLog } from './sql/event-log';
import { sqlIdempotency } from './sql/idempotency';
import { sqlIdentityLinks } from './sql/identity-links';
import { sqlJobs } from './sql/jobs';
import { sqlOwnership } from './sql/ownership';
import { runProgram, type SqlProgram } from './sql/program';
import { sqlRateLimits } from './sql/rate-limits';
import { sqlResourceStates } from './sql/resource-states';
import type { StreamEventRow } from './sql/rows';
import { createStatements } from './sql/statements';

/** The options every SQL dialect passes on to `createSqlStore` unchanged. */
export function sqlBaseConfig(
  kind: SqlStoreConfig['kind'],
  db: Kysely<BrokerDatabase>,
  options: StoreOptions,
): Pick<SqlStoreConfig, 'kind' | 'db' | 'now' | 'leaseMs' | 'retentionMs'> {
  return {
    kind,
    db,
    now: options.now ?? Date.now,
    leaseMs: options.idempotencyLeaseMs ?? DEFAULT_IDEMPOTENCY_LEASE_MS,
    retentionMs: options.retentionMs ?? DEFAULT_RETENTION_MS,
  };
}

const rowsOf = async (db: Kysely<BrokerDatabase>, query: CompiledQuery) =>
  (await db.executeQuery(query)).rows;

/**
 * The part of the SQLite and PostgreSQL stores that is the same SQL for both, composed of
 * one implementation per port (`sql/`). Every write that must be atomic is one
 * `INSERT … ON CONFLICT` or `UPDATE … RETURNING` statement, or one transaction
 * (`commitCreate`), so it holds across processes sharing the database. Every
 * `SWEEP_EVERY` writes, expired rows are deleted.
 */
export function createSqlStore(config: SqlStoreConfig): BrokerStore {
  const { db, now } = config;
  let closed = false;
  let closing: Promise<void> | undefined;
  let writes = 0;

  const open = () => {
    if (closed) throw new TypeError(`[dotskit] the ${config.kind} store is closed`);
  };

  async function sweep() {
    const at = now();
    const cutoff = at - config.retentionMs;
    await db.deleteFrom('idempotency').where('expires_at', '<=', at).execute();
    await db.deleteFrom('rate_limits').where('reset_at', '<=', at).execute();
    await db
      .deleteFrom('jobs')
      .where('created_at', '<=', cutoff)
      .where('done_at', 'is not', null)
      .execute();
    await db.deleteFrom('stream_events').where('created_at', '<=', cutoff).execute();
  }
  const wrote = async () => {
    if (++writes % SWEEP_EVERY === 0) await sweep();
  };
  const statements = createStatements(db);
  // Strictly increasing here, so that resources saved in one millisecond keep their order.
  let lastStateTime = 0;
  const ctx: SqlPortContext = {
    config,
    db,
    now,
    open,
    wrote,
    run:
      config.run ??
      (<T>(program: SqlProgram<T>, atomic: boolean) =>
        atomic
          ? db.transaction().execute((trx) => runProgram(program, (q) => rowsOf(trx, q)))
          : runProgram(program, (q) => rowsOf(db, q))),
    statements,
    query: config.query ?? ((q) => rowsOf(db, q)),
    insertEvent:
      config.insertEvent ??
      ((owner, type, data, createdAt) =>
        statements.insertEvent({
          owner,
          type,
          data,
          created_at: createdAt,
        }) as CompiledQuery<StreamEventRow>),
    stateTime: () => {
      lastStateTime = Math.max(now(), lastStateTime + 1);
      return lastStateTime;
    },
  };

  return {
    kind: config.kind,
    idempotencyLeaseMs: config.leaseMs,
    async init() {
      open();
      await config.init();
      await sweep();
    },
    async ping() {
      open();
      await sql`select 1`.execute(db);
    },
    close() {
      closed = true;
      closing ??= (async () => {
        try {
          await config.stop();
        } finally {
          await db.destroy();
        }
      })();
      return closing;
    },
    ...sqlCommitCreate(ctx),
    ...sqlOwnership(ctx),
    ...sqlIdempotency(ctx),
    ...sqlEventLog(ctx),
    ...sqlIdentityLinks(ctx),
    ...sqlJobs(ctx),
    ...sqlRateLimits(ctx),
    ...sqlResourceStates(ctx),
  };
}
