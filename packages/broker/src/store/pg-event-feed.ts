import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { ListenerSet } from './listeners';
import type { StreamEvent } from './ports';
import type { BrokerDatabase } from './schema';
import { toStreamEvent } from './sql/rows';

/** The NOTIFY channel of stream events. */
export const EVENTS_CHANNEL = 'dotskit_events';
/** On reconnect, events this many ids below the highest seen are re-read (commits can land out of id order). */
const CATCH_UP_WINDOW = 1_000;
/** Delivered ids remembered for deduplication. */
const SEEN_CAP = 10_000;
const PAGE = 500;

/** State of the LISTEN connection, reported to `onStateChange`. */
export type PgListenState = 'listening' | 'reconnecting';

/** Options of `createPgEventFeed`. */
export interface PgEventFeedOptions {
  /** Makes a new (unconnected) client for the LISTEN connection. */
  newClient(): Promise<pg.Client>;
  db: Kysely<BrokerDatabase>;
  listeners: ListenerSet;
  initialDelayMs: number;
  maxDelayMs: number;
  onError(error: unknown): void;
  onStateChange?(state: PgListenState): void;
}

/** Delivers every stream event of the database to local listeners, exactly once per id. */
export interface PgEventFeed {
  /** Connects and LISTENs; events committed before this are never delivered. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * One dedicated LISTEN connection per store. When it drops (PostgreSQL restart,
 * `pg_terminate_backend`, network), it reconnects with exponential backoff and jitter,
 * then reads the events it missed from `stream_events`, so nothing is lost.
 */
export function createPgEventFeed(options: PgEventFeedOptions): PgEventFeed {
  const { db, listeners, onError } = options;
  const seen = new Set<number>();
  let floor = 0;
  let maxSeen = 0;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let attempt = 0;
  let stopped = false;
  let connecting: Promise<void> | undefined;
  let queue: Promise<void> = Promise.resolve();

  const enqueue = (task: () => Promise<void>) => {
    const next = queue.then(task);
    queue = next.catch(onError);
    return next;
  };

  function deliver(event: StreamEvent) {
    if (event.id <= floor || seen.has(event.id)) return;
    seen.add(event.id);
    if (seen.size > SEEN_CAP) seen.delete(seen.values().next().value as number);
    if (event.id > maxSeen) maxSeen = event.id;
    listeners.emit(event);
  }

  async function handle(payload: string) {
    if (payload.startsWith('{')) {
      deliver(JSON.parse(payload) as StreamEvent);
      return;
    }
    // The event was too big for a NOTIFY payload: read it.
    const row = await db
      .selectFrom('stream_events')
      .selectAll()
      .where('id', '=', Number(payload))
      .executeTakeFirst();
    if (row) deliver(toStreamEvent(row));
  }

  async function catchUp() {
    let after = Math.max(floor, maxSeen - CATCH_UP_WINDOW);
    for (;;) {
      const rows = await db
        .selectFrom('stream_events')
        .selectAll()
        .where('id', '>', after)
        .orderBy('id', 'asc')
        .limit(PAGE)
        .execute();
      for (const row of rows) deliver(toStreamEvent(row));
      if (rows.length < PAGE) return;
      after = Number((rows.at(-1) as { id: number | string }).id);
    }
  }

  async function connect(first: boolean) {
    const c = await options.newClient();
    let dropped = false;
    const drop = (error?: unknown) => {
      if (dropped) return;
      dropped = true;
      if (error) onError(error);
      c.end().catch(() => {});
      if (client === c) {
        client = undefined;
        reconnectLater();
      }
    };
    c.on('error', drop);
    c.on('end', () => drop());
    c.on('notification', (message) => {
      if (message.channel === EVENTS_CHANNEL && message.payload)
        enqueue(() => handle(message.payload as string));
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${EVENTS_CHANNEL}`);
      if (first) {
        const row = await db
          .selectFrom('stream_events')
          .select((eb) => eb.fn.max('id').as('max'))
          .executeTakeFirst();
        floor = maxSeen = Number(row?.max ?? 0);
      } else {
        await enqueue(catchUp);
      }
    } catch (error) {
      dropped = true;
      c.end().catch(() => {});
      throw error;
    }
    if (stopped) {
      drop();
      return;
    }
    client = c;
    options.onStateChange?.('listening');
  }

  function reconnectLater() {
    if (stopped || timer) return;
    if (attempt === 0) options.onStateChange?.('reconnecting');
    const base = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** attempt);
    attempt += 1;
    timer = setTimeout(
      () => {
        timer = undefined;
        connecting = connect(false).then(
          () => {
            attempt = 0;
          },
          (error) => {
            if (attempt === 1 && !stopped) onError(error);
            reconnectLater();
          },
        );
      },
      base / 2 + (Math.random() * base) / 2,
    );
    timer.unref();
  }

  return {
    start: () => connect(true),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
      // A reconnection in flight ends its own client once it sees `stopped`.
      await connecting;
      await queue;
    },
  };
}
