import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './sqlite-group-commit';

function memoryDb() {
  const db = new Database(':memory:');
  db.exec('create table t (id integer primary key, v text not null unique)');
  return db;
}

describe('SQLite group commit', () => {
  it('commits the writes queued in one turn together, and a failing write fails alone', async () => {
    const db = memoryDb();
    // Count top-level (BEGIN IMMEDIATE) transactions: one per batch.
    let batches = 0;
    const transaction = db.transaction.bind(db);
    db.transaction = ((fn: (...args: unknown[]) => unknown) => {
      const t = transaction(fn);
      const wrapped = (...args: unknown[]) => t(...args);
      wrapped.immediate = (...args: unknown[]) => {
        batches += 1;
        return t.immediate(...args);
      };
      return wrapped;
    }) as unknown as typeof db.transaction;
    const group = createGroupCommit(() => db);
    const insert = (v: string) =>
      group.run((raw) => {
        expect(raw.inTransaction).toBe(true);
        return raw.prepare('insert into t (v) values (?)').run(v).changes;
      });
    const results = await Promise.allSettled([insert('a'), insert('b'), insert('a'), insert('c')]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(batches).toBe(1);
    await insert('d');
    expect(batches).toBe(2);
    expect(db.prepare('select v from t order by id').all()).toEqual([
      { v: 'a' },
      { v: 'b' },
      { v: 'c' },
      { v: 'd' },
    ]);
    db.close();
  });

  it('undoes every write of an op that throws after writing, and keeps the other ops', async () => {
    const db = memoryDb();
    const group = createGroupCommit(() => db);
    const insert = (raw: Database.Database, v: string) =>
      raw.prepare('insert into t (v) values (?)').run(v);
    const results = await Promise.allSettled([
      group.run((raw) => insert(raw, 'kept-1')),
      group.run((raw) => {
        insert(raw, 'undone-1');
        insert(raw, 'undone-2');
        throw new Error('op failed after two writes');
      }),
      group.run((raw) => insert(raw, 'kept-2')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('select v from t order by id').all()).toEqual([
      { v: 'kept-1' },
      { v: 'kept-2' },
    ]);
    // The next batch starts clean: no savepoint or transaction left open.
    expect(db.inTransaction).toBe(false);
    await group.run((raw) => insert(raw, 'later'));
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 3 });
    db.close();
  });

  it('resolves only after the batch has committed, in queue order', async () => {
    const db = memoryDb();
    const group = createGroupCommit(() => db);
    const order: string[] = [];
    const ops = ['x', 'y', 'z'].map((v) =>
      group
        .run((raw) => raw.prepare('insert into t (v) values (?)').run(v))
        .then(() => {
          expect(db.inTransaction).toBe(false);
          order.push(v);
        }),
    );
    await Promise.all(ops);
    expect(order).toEqual(['x', 'y', 'z']);
    db.close();
  });

  it('tells beforeBatch whether the batch holds a durable write', async () => {
    const db = memoryDb();
    const seen: boolean[] = [];
    const group = createGroupCommit(
      () => db,
      (raw, durable) => {
        expect(raw.inTransaction).toBe(false);
        seen.push(durable);
      },
    );
    const insert = (v: string, durable?: boolean) =>
      group.run((raw) => raw.prepare('insert into t (v) values (?)').run(v), durable);
    await Promise.all([insert('a'), insert('b')]);
    await Promise.all([insert('c'), insert('d', true)]);
    await insert('e', false);
    expect(seen).toEqual([false, true, false]);
    db.close();
  });

  it('rejects every queued write when the database is unusable', async () => {
    const db = memoryDb();
    db.close();
    const group = createGroupCommit(() => db);
    await expect(group.run((raw) => raw.prepare('select 1').get())).rejects.toThrow(/not open/);
  });
});
