import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrokerStore } from './ports';
import { createPostgresStore, type PostgresStoreOptions } from './postgres-store';
import { describeStoreContract } from './store-contract';
import { collectEvents } from './test-support/collect-events';
import { adminQuery, createTestDatabase, type TestDatabase } from './test-support/pg-database';
import { startTestPostgres, type TestPostgres } from './test-support/pg-server';

let server: TestPostgres;
const databases: TestDatabase[] = [];

beforeAll(async () => {
  server = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
  await server?.stop();
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase(server.url);
  databases.push(database);
  return database;
}

describeStoreContract('postgres', async (clock) =>
  createPostgresStore({ connectionString: (await freshDatabase()).url, now: clock.now }),
);

/** Records LISTEN state changes; `next(state)` resolves when that state is reported after the call. */
function stateRecorder() {
  const waiters: Array<{ state: string; resolve: () => void }> = [];
  return {
    onChange(state: string) {
      for (const w of waiters.splice(0)) {
        if (w.state === state) w.resolve();
        else waiters.push(w);
      }
    },
    next(state: string): Promise<void> {
      return new Promise((resolve) => waiters.push({ state, resolve }));
    },
  };
}

describe('postgres store across instances', () => {
  const stores: BrokerStore[] = [];
  async function open(url: string, extra: Partial<PostgresStoreOptions> = {}) {
    const store = createPostgresStore({
      connectionString: url,
      reconnectInitialDelayMs: 20,
      ...extra,
    });
    stores.push(store);
    await store.init();
    return store;
  }
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  it('delivers an event appended on instance A to a subscriber of instance B, once', async () => {
    const { url } = await freshDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    const onB = collectEvents(b, 2);
    const onA = collectEvents(a, 2);
    const e1 = await a.appendEvent('alice', 'flow.updated', { id: 'f1' });
    const e2 = await b.appendEvent('bob', 'transfer.updated', { id: 't1' });
    expect(await onB.done).toEqual([e1, e2]);
    expect(await onA.done).toEqual([e1, e2]);
    // A third event proves nothing else (no duplicate) was queued before it.
    const third = collectEvents(b, 1);
    const e3 = await a.appendEvent('alice', 'flow.completed', {});
    expect(await third.done).toEqual([e3]);
    expect(onB.events).toEqual([e1, e2, e3]);
    onA.unsubscribe();
    onB.unsubscribe();
    third.unsubscribe();
  });

  it("commits one owner's concurrent appends from two instances in id order", async () => {
    const { url } = await freshDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    const onB = collectEvents(b, 40, { owner: 'alice' });
    const appended = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).appendEvent('alice', 'flow.updated', { i }),
      ),
    );
    const delivered = await onB.done;
    // Delivery follows commit order; with the per-owner lock that is id order.
    expect(delivered.map((e) => e.id)).toEqual(appended.map((e) => e.id).sort((x, y) => x - y));
    expect(await b.eventsSince('alice', 0, 100)).toEqual(delivered);
    onB.unsubscribe();
  });

  it('sends an event too big for a NOTIFY payload by id, and B reads it', async () => {
    const { url } = await freshDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    const onB = collectEvents(b, 1);
    const big = await a.appendEvent('alice', 'flow.updated', { blob: 'x'.repeat(20_000) });
    expect(await onB.done).toEqual([big]);
    onB.unsubscribe();
  });

  it('reconnects a killed LISTEN connection and delivers the events appended meanwhile', async () => {
    const database = await freshDatabase();
    const states = stateRecorder();
    const errors: unknown[] = [];
    const a = await open(database.url, { listen: false });
    // A long first reconnect delay makes the three appends land while B is not listening.
    const b = await open(database.url, {
      onListenStateChange: states.onChange,
      onError: (e) => errors.push(e),
      reconnectInitialDelayMs: 600,
    });
    const onB = collectEvents(b, 4);
    const before = await a.appendEvent('alice', 'flow.updated', { n: 0 });
    const reconnecting = states.next('reconnecting');
    let backAt = 0;
    const listening = states.next('listening').then(() => {
      backAt = Date.now();
    });
    const killed = await adminQuery(
      server.url,
      "select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and query ilike 'listen%'",
      [database.name],
    );
    expect(killed.rows).toEqual([{ ok: true }]);
    await reconnecting;
    const meanwhile = [];
    for (let n = 1; n <= 3; n++)
      meanwhile.push(await a.appendEvent('alice', 'flow.updated', { n }));
    expect(backAt).toBe(0);
    await listening;
    expect(await onB.done).toEqual([before, ...meanwhile]);
    expect(errors.length).toBeGreaterThan(0);
    onB.unsubscribe();
  });
});

describe('postgres store configuration and reachability', () => {
  it('rejects init and ping when the server is unreachable, and still closes', async () => {
    const store = createPostgresStore({
      connectionString: 'postgres://postgres@127.0.0.1:1/none',
      onError: () => {},
    });
    await expect(store.init()).rejects.toThrow(/ECONNREFUSED/);
    await expect(store.ping()).rejects.toThrow(/ECONNREFUSED/);
    await store.close();
  });

  it('refuses a connection string that is not postgres://', () => {
    expect(() => createPostgresStore({ connectionString: 'mysql://x' })).toThrow(TypeError);
    expect(() => createPostgresStore({ connectionString: 'mysql://x' })).toThrow(
      /^\[dotskit\] .*postgres:\/\//,
    );
  });
});

describe('postgres store and a PostgreSQL restart', () => {
  it('reconnects the pool and the LISTEN connection and loses no event', async () => {
    const own = await startTestPostgres({ own: true });
    const database = await createTestDatabase(own.url);
    const states = stateRecorder();
    const a = createPostgresStore({
      connectionString: database.url,
      listen: false,
      onError: () => {},
    });
    const b = createPostgresStore({
      connectionString: database.url,
      onListenStateChange: states.onChange,
      onError: () => {},
      reconnectInitialDelayMs: 50,
      reconnectMaxDelayMs: 200,
    });
    try {
      await a.init();
      await b.init();
      const onB = collectEvents(b, 3, { timeoutMs: 15_000 });
      const e1 = await a.appendEvent('alice', 'flow.updated', { n: 1 });
      await a.recordOwner('flow', 'f1', 'alice');
      const reconnecting = states.next('reconnecting');
      const listening = states.next('listening');
      await own.restart();
      await reconnecting;
      // The pool dropped its dead connections: the first query after the restart works.
      expect((await a.getOwner('flow', 'f1'))?.owner).toBe('alice');
      const e2 = await a.appendEvent('alice', 'flow.updated', { n: 2 });
      await listening;
      const e3 = await a.appendEvent('alice', 'flow.updated', { n: 3 });
      expect(await onB.done).toEqual([e1, e2, e3]);
      await b.ping();
    } finally {
      await Promise.all([a.close(), b.close()]);
      await own.stop();
    }
  }, 60_000);
});
