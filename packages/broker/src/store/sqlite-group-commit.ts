import type Database from 'better-sqlite3';

/** Runs small write operations together, one transaction (one fsync) per batch. */
export interface GroupCommit {
  /**
   * Queues `op`; resolves with its result once the batch holding it has committed. A
   * `durable` op makes its whole batch commit durably (see `createGroupCommit`). Default: false.
   */
  run<T>(op: (db: Database.Database) => T, durable?: boolean): Promise<T>;
  /** Commits what is queued now (used before closing). */
  flush(): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** The savepoint statements of one connection, prepared once. */
interface Savepoints {
  begin: Database.Statement;
  release: Database.Statement;
  rollback: Database.Statement;
}

const savepoints = new WeakMap<Database.Database, Savepoints>();

/**
 * Each op's savepoint, from statements prepared once per connection: a nested
 * `db.transaction(op)` would build its wrapper (and look up its statements) per op.
 */
function savepointsOf(db: Database.Database): Savepoints {
  let s = savepoints.get(db);
  if (!s) {
    s = {
      begin: db.prepare('SAVEPOINT dotskit_op'),
      release: db.prepare('RELEASE dotskit_op'),
      rollback: db.prepare('ROLLBACK TO dotskit_op'),
    };
    savepoints.set(db, s);
  }
  return s;
}

/**
 * Group commit for SQLite: writes queued during one event-loop turn are committed in one
 * `BEGIN IMMEDIATE … COMMIT`, each inside its own savepoint so that one failing write
 * fails alone. With `synchronous=FULL` every commit waits for an fsync; batching lets
 * concurrent writes share it instead of queueing behind one fsync each. `beforeBatch` runs
 * before each batch's transaction, told whether the batch holds a durable op (the store
 * sets `synchronous` from it). The batch is flushed by `setImmediate`: after the I/O
 * callbacks of the current loop turn, so an idle broker adds no wait to a lone write.
 */
export function createGroupCommit(
  getDb: () => Database.Database,
  beforeBatch?: (db: Database.Database, durable: boolean) => void,
): GroupCommit {
  let queue: Array<{
    op: (db: Database.Database) => unknown;
    durable: boolean;
    resolve(value: unknown): void;
    reject(e: unknown): void;
  }> = [];
  let scheduled = false;

  function flush() {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    const outcomes: Outcome[] = [];
    try {
      const db = getDb();
      beforeBatch?.(
        db,
        batch.some((item) => item.durable),
      );
      const savepoint = savepointsOf(db);
      db.transaction(() => {
        for (const item of batch) {
          savepoint.begin.run();
          try {
            const value = item.op(db);
            savepoint.release.run();
            outcomes.push({ ok: true, value });
          } catch (error) {
            // As better-sqlite3's own nested transactions: undo this op only, unless SQLite
            // has already rolled the whole transaction back (then the batch fails below).
            if (db.inTransaction) {
              savepoint.rollback.run();
              savepoint.release.run();
            }
            outcomes.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  return {
    run<T>(op: (db: Database.Database) => T, durable = false) {
      return new Promise<T>((resolve, reject) => {
        queue.push({ op, durable, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
