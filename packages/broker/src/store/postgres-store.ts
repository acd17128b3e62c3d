import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import type { StoreOptions } from './defaults';
import { createListenerSet } from './listeners';
import { loadDriver } from './load-driver';
import { migrateToLatest } from './migrations';
import { createPgEventFeed, EVENTS_CHANNEL, type PgListenState } from './pg-event-feed';
import type { BrokerStore } from './ports';
import type { BrokerDatabase } from './schema';
import type { StreamEventRow } from './sql/rows';
import { createSqlStore, sqlBaseConfig } from './sql-store';

/** First key of the per-owner advisory locks taken by `appendEvent` ("dots"). */
const OWNER_LOCK_NAMESPACE = 0x646f7473;
/** NOTIFY payloads must stay under 8000 bytes; bigger events are sent as their id only. */
const MAX_NOTIFY_JSON = 7_900;

/** Options of `createPostgresStore`. */
export interface PostgresStoreOptions extends StoreOptions {
  /** `postgres://user:password@host:port/database`. */
  connectionString: string;
  /** Extra `pg.Pool` settings (e.g. `max`, `ssl`); also used for the LISTEN connection. Default pool size: 10. */
  pool?: Omit<pg.PoolConfig, 'connectionString'>;
  /**
   * Open the LISTEN connection through which `subscribe` receives the events of every
   * instance (this one's included, in commit order). When off, `subscribe` only sees
   * this instance's appends; for processes that never subscribe. Default: true.
   */
  listen?: boolean;
  /** First delay before reconnecting a dropped LISTEN connection, doubled per failure. Default: 100 ms. */
  reconnectInitialDelayMs?: number;
  /** Longest delay between reconnection attempts. Default: 5000 ms. */
  reconnectMaxDelayMs?: number;
  /** Called when the LISTEN connection drops (`reconnecting`) and when it is back (`listening`). */
  onListenStateChange?: (state: PgListenState) => void;
}

/**
 * A store in PostgreSQL, for several broker processes sharing state. Every atomic step is
 * one statement (`INSERT … ON CONFLICT`); `appendEvent` NOTIFYs `dotskit_events` in the
 * same statement, and each store keeps one LISTEN connection that reconnects with backoff
 * and catches up from `stream_events`, so `subscribe` sees every instance's events once.
 */
export function createPostgresStore(options: PostgresStoreOptions): BrokerStore {
  const { connectionString } = options;
  if (typeof connectionString !== 'string' || !/^postgres(ql)?:\/\//.test(connectionString)) {
    throw new TypeError(
      '[dotskit] createPostgresStore needs { connectionString: "postgres://user:pass@host:5432/db" }',
    );
  }
  const onError =
    options.onError ??
    ((error: unknown) => console.error('[dotskit] postgres store:', errorMessage(error)));
  const listeners = createListenerSet(options.onError);
  const clientConfig: pg.ClientConfig = { ...options.pool, connectionString };
  // `pg` is an optional peer: loaded when this store first connects.
  const driver = async () =>
    (await loadDriver<{ default: typeof pg }>('pg', 'the PostgreSQL store')).default;
  const pool = async () => {
    const created = new (await driver()).Pool({ max: 10, ...options.pool, connectionString });
    // An idle pooled client that loses its connection emits here; without a handler, the process dies.
    created.on('error', onError);
    // A checked-out client whose server goes away (e.g. PostgreSQL restarting) emits on the
    // client itself: its query rejects anyway, so the event only needs a listener.
    created.on('connect', (client) => client.on('error', onError));
    return created;
  };
  const db = new Kysely<BrokerDatabase>({ dialect: new PostgresDialect({ pool }) });
  const feed = createPgEventFeed({
    newClient: async () => new (await driver()).Client(clientConfig),
    db,
    listeners,
    initialDelayMs: options.reconnectInitialDelayMs ?? 100,
    maxDelayMs: options.reconnectMaxDelayMs ?? 5_000,
    onError,
    onStateChange: options.onListenStateChange,
  });
  let started = false;

  return createSqlStore({
    ...sqlBaseConfig('postgres', db, options),
    async init() {
      await migrateToLatest(db, 'postgres');
      if (options.listen !== false && !started) {
        started = true;
        await feed.start();
      }
    },
    async stop() {
      listeners.clear();
      await feed.stop();
    },
    // One statement: the row and its NOTIFY commit together. The per-owner transaction
    // lock is taken before the id is drawn (INSERT … SELECT … FROM lock), so one owner's
    // events commit in id order even when several instances append at once; otherwise
    // a Last-Event-ID replay could skip an id that committed after a larger one.
    insertEvent: (owner, type, data, createdAt) =>
      sql<StreamEventRow>`
        with lock as (
          select pg_advisory_xact_lock(${OWNER_LOCK_NAMESPACE}::int4, hashtext(${owner}::text))
        ), ins as (
          insert into stream_events (owner, type, data, created_at)
          select ${owner}::text, ${type}::text, ${data}::text, ${createdAt}::bigint from lock
          returning id, owner, type, data, created_at
        ), msg as (
          select ins.*, json_build_object(
            'id', ins.id, 'owner', ins.owner, 'type', ins.type, 'data', ins.data::json, 'createdAt', ins.created_at
          )::text as j from ins
        )
        select id, owner, type, data, created_at,
          pg_notify(${EVENTS_CHANNEL}, case when octet_length(j) < ${MAX_NOTIFY_JSON} then j else id::text end)
        from msg`.compile(db),
    // With LISTEN on, even our own events reach subscribers through it, so that every
    // instance delivers all events in the same (commit) order.
    published: (events) => {
      if (options.listen === false) for (const event of events) listeners.emit(event);
    },
    subscribe: (listener) => listeners.add(listener),
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
