import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { StoreOptions } from './defaults';
import { createListenerSet } from './listeners';
import { loadDriver } from './load-driver';
import { migrateToLatest } from './migrations';
import type { BrokerStore } from './ports';
import type { BrokerDatabase } from './schema';
import { runProgramSync } from './sql/program';
import { createSqlStore, sqlBaseConfig } from './sql-store';
import { createGroupCommit } from './sqlite-group-commit';
import { createStatementCache } from './sqlite-statements';

/** Options of `createSqliteStore`. */
export interface SqliteStoreOptions extends StoreOptions {
  /**
   * Path of the database file; its parent directory is created if missing. `:memory:`
   * gives a private in-memory database. The bin's default is `.data/dotskit.db`.
   */
  filename: string;
  /**
   * When a commit waits for the disk (SQLite's `synchronous` setting, WAL mode). Every
   * committed write survives a crash of the process whatever this says; it decides what
   * survives a power loss or an OS crash:
   * - `webhooks` (default): commits that store a received webhook are `FULL` (fsynced before
   *   the 2xx, since Dots does not redeliver one it got a 2xx for); all others are `NORMAL`
   *   (creates, idempotency claims, events, job progress: the last ones may be lost with the
   *   machine, and a create retried with the same idempotency key records the same Dots
   *   object again, never a second one);
   * - `full`: every commit fsynced;
   * - `normal`: none (the WAL is synced at checkpoints only).
   */
  synchronous?: 'webhooks' | 'full' | 'normal';
  /** How long a write waits for another connection's lock, in ms. Default: 5000. */
  busyTimeoutMs?: number;
}

/**
 * A store in one SQLite file (better-sqlite3, WAL mode): the embedded default.
 *
 * Supported setup: ONE broker process per file. Writes from other processes are safe
 * (SQLite locks, every atomic step is one statement) but `subscribe` only sees events
 * appended by this process, so SSE clients of a second process would miss events. Use
 * the PostgreSQL store to run several broker processes.
 */
export function createSqliteStore(options: SqliteStoreOptions): BrokerStore {
  const { filename } = options;
  if (typeof filename !== 'string' || filename === '') {
    throw new TypeError('[dotskit] createSqliteStore needs { filename }, e.g. ".data/dotskit.db"');
  }
  const synchronous = options.synchronous ?? 'webhooks';
  if (!['webhooks', 'full', 'normal'].includes(synchronous)) {
    throw new TypeError(
      `[dotskit] createSqliteStore: synchronous must be 'webhooks' (default), 'full' or 'normal'`,
    );
  }
  const now = options.now ?? Date.now;
  const listeners = createListenerSet(options.onError);
  let database: Database.Database | undefined;

  const db = new Kysely<BrokerDatabase>({
    dialect: new SqliteDialect({
      database: async () => {
        try {
          if (filename !== ':memory:') mkdirSync(dirname(resolve(filename)), { recursive: true });
          const { default: Sqlite } = await loadDriver<{ default: typeof Database }>(
            'better-sqlite3',
            'the SQLite store',
          );
          database = new Sqlite(filename);
        } catch (error) {
          throw new Error(
            `[dotskit] cannot open the SQLite database "${filename}": ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          );
        }
        database.pragma('journal_mode = WAL');
        database.pragma(
          `busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5_000))}`,
        );
        database.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
        database.pragma('foreign_keys = ON');
        return database;
      },
    }),
  });

  let durableNow = synchronous === 'full';
  const connection = () => {
    if (!database)
      throw new TypeError('[dotskit] await store.init() before using the SQLite store');
    return database;
  };
  const groupCommit = createGroupCommit(
    connection,
    // `webhooks`: FULL only for a batch holding a webhook (an fsync also covers every
    // earlier commit in the WAL), NORMAL otherwise.
    synchronous === 'webhooks'
      ? (raw, durable) => {
          if (durable === durableNow) return;
          raw.pragma(`synchronous = ${durable ? 'FULL' : 'NORMAL'}`);
          durableNow = durable;
        }
      : undefined,
  );
  let statements: ReturnType<typeof prepare> | undefined;
  const prepare = (raw: Database.Database) => ({
    enqueueJob: raw.prepare(
      'insert into jobs (id, kind, payload, created_at, due_at, attempts) values (?, ?, ?, ?, ?, ?) on conflict (id) do nothing',
    ),
    completeJob: raw.prepare('update jobs set done_at = ? where id = ?'),
    moveJob: raw.prepare('update jobs set due_at = ? where id = ? and done_at is null'),
  });
  const sqlFor = (raw: Database.Database) => {
    statements ??= prepare(raw);
    return statements;
  };
  const exec = createStatementCache();

  return createSqlStore({
    ...sqlBaseConfig('sqlite', db, options),
    init: () => migrateToLatest(db, 'sqlite'),
    async stop() {
      groupCommit.flush();
      listeners.clear();
    },
    // The per-webhook and per-create writes go through group commit (see sqlite-group-commit.ts).
    enqueueJob: (job, payload, dueAt, attempts) =>
      groupCommit.run(
        (raw) =>
          sqlFor(raw).enqueueJob.run(job.id, job.kind, payload, now(), dueAt, attempts).changes ===
          1,
        job.kind === 'webhook',
      ),
    async completeJob(id, at) {
      await groupCommit.run((raw) => sqlFor(raw).completeJob.run(at, id));
    },
    async moveJob(id, at) {
      await groupCommit.run((raw) => sqlFor(raw).moveJob.run(at, id));
    },
    // Single statements run at once on the connection, through the same prepared-statement
    // cache (Kysely's driver would prepare each anew, behind an async mutex).
    query: async (q) => exec(connection(), q),
    // Programs (idempotency claims, event appends, create commits) run inside group commit
    // too: synchronously, so that no other statement runs between a program's statements.
    run: (program) => groupCommit.run((raw) => runProgramSync(program, (q) => exec(raw, q))),
    published: (events) => {
      for (const event of events) listeners.emit(event);
    },
    subscribe: (listener) => listeners.add(listener),
  });
}
