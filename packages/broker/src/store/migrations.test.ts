import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerMigrations, MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from './migrations';
import { createSqliteStore } from './sqlite-store';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dotskit-migrations-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('store migrations', () => {
  it('upgrades a database made by the first migration and keeps its rows', async () => {
    const filename = join(dir, 'old.db');
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new Database(filename) }),
    });
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => brokerMigrations('sqlite') },
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
    });
    expect((await migrator.migrateTo('0001_initial')).error).toBeUndefined();
    const raw = new Database(filename);
    raw
      .prepare('insert into idempotency (key, request_hash, state, expires_at) values (?, ?, ?, ?)')
      .run('old-pending', 'h', 'pending', Date.now() + 86_400_000);
    raw
      .prepare('insert into ownership (kind, id, owner, created_at) values (?, ?, ?, ?)')
      .run('flow', 'f1', 'alice', 1);
    raw
      .prepare(
        'insert into webhook_events (svix_id, type, payload, received_at) values (?, ?, ?, ?)',
      )
      .run('msg_old', 'flow.updated', '{}', Date.now());
    raw.close();
    await db.destroy();

    const store = createSqliteStore({ filename });
    await store.init();
    expect((await store.getOwner('flow', 'f1'))?.owner).toBe('alice');
    // Its lease column defaults to 0: a pending claim from before the upgrade can be taken over.
    expect(await store.claimIdempotency('old-pending', 'h', 60_000)).toEqual({ state: 'claimed' });
    // Webhook events from before the outbox count as processed (0004), and move to the jobs
    // table as done jobs (0007): nothing is re-published, and a redelivery is recognised.
    expect(await store.countJobs('webhook')).toBe(1);
    expect(await store.countPendingJobs(365 * 86_400_000)).toBe(0);
    expect(await store.claimDueJobs(10, 1_000)).toEqual([]);
    expect(await store.enqueueJob({ id: 'webhook:msg_old', kind: 'webhook', payload: {} })).toBe(
      false,
    );
    await store.close();

    const check = new Database(filename, { readonly: true });
    const names = check.prepare(`select name from ${MIGRATION_TABLE} order by name`).all();
    check.close();
    expect(names).toEqual(Object.keys(brokerMigrations('sqlite')).map((name) => ({ name })));
  });
});
