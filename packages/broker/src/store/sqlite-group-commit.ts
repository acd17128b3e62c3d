import type Database from 'better-sqlite3';

/** Runs small write operations together, one transaction (one fsync) per batch. */
export interface GroupCommit {
  /** Queues `op`; resolves with its result once the batch holding it has committed. */
  run<T>(op: (db: Database.Database) => T): Promise<T>;
  /** Commits what is queued now (used before closing). */
  flush(): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit for SQLite: writes queued during one event-loop turn are committed in one
 * `BEGIN IMMEDIATE … COMMIT`, each inside its own savepoint so that one failing write
 * fails alone. With `synchronous=FULL` every commit waits for an fsync; batching lets
 * concurrent webhooks share it instead of queueing behind one fsync each.
 */
export function createGroupCommit(getDb: () => Database.Database): GroupCommit {
  let queue: Array<{
    op: (db: Database.Database) => unknown;
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
      db.transaction(() => {
        for (const item of batch) {
          try {
            // A nested better-sqlite3 transaction is a savepoint.
            outcomes.push({ ok: true, value: db.transaction(item.op)(db) });
          } catch (error) {
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
    run<T>(op: (db: Database.Database) => T) {
      return new Promise<T>((resolve, reject) => {
        queue.push({ op, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
