import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSqliteStore } from './sqlite-store';
import { describeStoreContract } from './store-contract';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dotskit-sqlite-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeStoreContract('sqlite', async (clock) =>
  createSqliteStore({ filename: join(dir, `contract-${++n}.db`), now: clock.now }),
);

describe('sqlite store', () => {
  it('creates the parent directory and uses WAL mode', async () => {
    const filename = join(dir, 'nested', '.data', 'dotskit.db');
    const store = createSqliteStore({ filename });
    await store.init();
    await store.recordOwner('flow', 'f1', 'alice');
    expect((await stat(filename)).isFile()).toBe(true);
    expect((await stat(`${filename}-wal`)).isFile()).toBe(true);
    await store.close();
  });

  it('reopen the file: ownership, idempotency records and events survive', async () => {
    const filename = join(dir, 'reopen.db');
    const first = createSqliteStore({ filename });
    await first.init();
    await first.recordOwner('flow', 'f1', 'alice');
    await first.recordOwner('payout_link', 'pl1', 'bob');
    await first.claimIdempotency('alice:POST /flows:k1', 'h1', 60_000);
    await first.completeIdempotency('alice:POST /flows:k1', 201, { id: 'f1' });
    await first.claimIdempotency('alice:POST /flows:k2', 'h2', 60_000);
    await first.enqueueJob({ id: 'webhook:msg_1', kind: 'webhook', payload: { a: 1 } });
    const e1 = await first.appendEvent('alice', 'flow.updated', { id: 'f1' });
    const e2 = await first.appendEvent('alice', 'flow.completed', { id: 'f1' });
    await first.linkUser('alice', 'user_1');
    await first.hitRateLimit('ip:1', 60_000);
    await first.close();

    const second = createSqliteStore({ filename });
    await second.init();
    expect((await second.getOwner('flow', 'f1'))?.owner).toBe('alice');
    expect(await second.listOwned('payout_link', 'bob', 10)).toEqual(['pl1']);
    expect(await second.claimIdempotency('alice:POST /flows:k1', 'h1', 60_000)).toEqual({
      state: 'done',
      status: 201,
      body: { id: 'f1' },
    });
    expect(await second.claimIdempotency('alice:POST /flows:k2', 'h2', 60_000)).toEqual({
      state: 'pending',
    });
    expect(await second.enqueueJob({ id: 'webhook:msg_1', kind: 'webhook', payload: {} })).toBe(
      false,
    );
    expect(await second.countJobs('webhook')).toBe(1);
    expect(await second.eventsSince('alice', 0, 10)).toEqual([e1, e2]);
    const e3 = await second.appendEvent('alice', 'flow.updated', {});
    expect(e3.id).toBeGreaterThan(e2.id);
    expect(await second.getLinkedUser('alice')).toBe('user_1');
    expect((await second.hitRateLimit('ip:1', 60_000)).hits).toBe(2);
    await second.close();
  });

  it('shares one file between two store instances without losing a claim race', async () => {
    const filename = join(dir, 'shared.db');
    const a = createSqliteStore({ filename });
    const b = createSqliteStore({ filename });
    // In one process, init one after the other: better-sqlite3 waits for a lock
    // synchronously, so two connections of the same thread must not contend for it.
    await a.init();
    await b.init();
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claimIdempotency('race', 'h', 60_000)),
    );
    expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
    await Promise.all([a.close(), b.close()]);
  });

  it('fsyncs the commits that store a webhook, not the others (synchronous: webhooks)', async () => {
    const original = Database.prototype.pragma;
    const set: string[] = [];
    const pragma = vi.spyOn(Database.prototype, 'pragma').mockImplementation(function (
      this: Database.Database,
      source,
      options,
    ) {
      if (source.startsWith('synchronous')) set.push(source);
      return original.call(this, source, options);
    });
    try {
      const store = createSqliteStore({ filename: join(dir, 'durability.db') });
      await store.init();
      expect(set).toEqual(['synchronous = NORMAL']);
      await store.claimIdempotency('k', 'h', 60_000);
      await store.commitCreate({ idempotency: { key: 'k', status: 201, body: {} } });
      expect(set).toEqual(['synchronous = NORMAL']);
      await store.enqueueJob({ id: 'webhook:msg_1', kind: 'webhook', payload: {} });
      expect(set).toEqual(['synchronous = NORMAL', 'synchronous = FULL']);
      await store.enqueueJob({ id: 'batch:b_1', kind: 'batch', payload: {} });
      await store.appendEvent('alice', 'flow.updated', {});
      expect(set).toEqual(['synchronous = NORMAL', 'synchronous = FULL', 'synchronous = NORMAL']);
      await store.close();
      set.length = 0;
      const full = createSqliteStore({ filename: join(dir, 'full.db'), synchronous: 'full' });
      await full.init();
      await full.enqueueJob({ id: 'webhook:msg_2', kind: 'webhook', payload: {} });
      await full.appendEvent('alice', 'flow.updated', {});
      expect(set).toEqual(['synchronous = FULL']);
      await full.close();
    } finally {
      pragma.mockRestore();
    }
    expect(() => createSqliteStore({ filename: ':memory:', synchronous: 'FULL' as never })).toThrow(
      /\[dotskit\].*synchronous must be/,
    );
  });

  it('rejects init when the file cannot be created, and still closes', async () => {
    const blocker = join(dir, 'not-a-directory');
    await writeFile(blocker, 'x');
    const store = createSqliteStore({ filename: join(blocker, 'dotskit.db') });
    await expect(store.init()).rejects.toThrow(/cannot open the SQLite database .*not-a-directory/);
    await store.close();
  });

  it('refuses a missing filename with a message that says what to pass', () => {
    expect(() => createSqliteStore({ filename: '' })).toThrow(TypeError);
    expect(() => createSqliteStore({ filename: '' })).toThrow(/^\[dotskit\] .*filename/);
  });
});
