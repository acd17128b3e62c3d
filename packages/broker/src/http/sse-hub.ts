import { formatSseFrame } from '@dotskit/api/wire';
import { hasScope } from '../auth/authenticate';
import type { BrokerMetrics } from '../observe/metrics';
import type { BrokerStore, StreamEvent } from '../store/ports';
import type { BrokerScope, Principal } from '../types';

/**
 * Where an event stream is written: an HTTP adapter's response body (an Express response,
 * a Fetch `ReadableStream`), opened with `text/event-stream` headers by the adapter.
 */
export interface SseSink {
  write(chunk: string): void;
  /** Ends the stream, writing `chunk` last. */
  end(chunk?: string): void;
  /** Whether the stream has ended (closed by either side). */
  readonly ended: boolean;
  /** Calls `listener` once when the client goes away or the stream fails. */
  onClose(listener: () => void): void;
}

/** The response headers of an event stream, for the adapters. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

/** One open `GET /events` stream. */
interface Connection {
  principal: Principal;
  res: SseSink;
  /** While replaying from the store, live events wait here. */
  buffer: StreamEvent[] | null;
  /** Highest id written during replay; buffered events at or below it are dropped. */
  replayedUpTo: number;
}

/** Fans store events out to the SSE streams of their owners on this instance. */
export interface SseHub {
  /** Opens a stream on `res` for `principal`, replaying events after `lastEventId` first. */
  open(principal: Principal, res: SseSink, lastEventId: number | undefined): Promise<void>;
  /** Number of open streams. */
  size(): number;
  /** Ends every stream and stops listening. */
  close(): void;
}

const REPLAY_PAGE = 500;

/** The scope a principal needs to receive an event type. */
export function scopeForEvent(type: string): BrokerScope {
  if (type.startsWith('flow.')) return 'flows:read';
  if (type.startsWith('payout_link.')) return 'payout_links:read';
  return 'payouts:read';
}

/** Formats one SSE message (the wire format of `@dotskit/api/wire`, read by its `createSseParser`). */
export function formatSseEvent(event: StreamEvent): string {
  return formatSseFrame({ id: event.id, event: event.type, data: JSON.stringify(event.data) });
}

/**
 * Creates the hub; it subscribes to the store once and sends heartbeats every `heartbeatMs`.
 * A principal holds at most `maxPerPrincipal` streams on this instance: opening one more
 * ends their oldest (a tab long gone whose connection is not closed yet, most likely), so
 * one user cannot pile up connections and nobody is locked out by their own stale ones. (A
 * user who really keeps more tabs open than that on one instance sees them take turns.)
 */
export function createSseHub(
  store: BrokerStore,
  metrics: BrokerMetrics,
  heartbeatMs: number,
  maxPerPrincipal = 20,
): SseHub {
  const byOwner = new Map<string, Set<Connection>>();
  let count = 0;
  let unsubscribe: (() => void) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  const send = (conn: Connection, event: StreamEvent) => {
    // A stream ended meanwhile (evicted, or closed during a replay) is written to no more.
    if (conn.res.ended) return;
    if (hasScope(conn.principal, scopeForEvent(event.type))) conn.res.write(formatSseEvent(event));
  };

  const deliver = (event: StreamEvent) => {
    const conns = byOwner.get(event.owner);
    if (!conns) return;
    for (const conn of conns) {
      if (conn.buffer) conn.buffer.push(event);
      else send(conn, event);
    }
  };

  const start = () => {
    unsubscribe ??= store.subscribe(deliver);
    if (!heartbeat) {
      heartbeat = setInterval(() => {
        for (const conns of byOwner.values())
          for (const conn of conns) conn.res.write(': ping\n\n');
      }, heartbeatMs);
      heartbeat.unref();
    }
  };

  const remove = (conn: Connection) => {
    const conns = byOwner.get(conn.principal.sub);
    if (!conns?.delete(conn)) return;
    if (conns.size === 0) byOwner.delete(conn.principal.sub);
    count--;
    metrics.sseStreams.dec();
  };

  return {
    async open(principal, res, lastEventId) {
      start();
      res.write(`retry: 3000\n: connected\n\n`);
      const conn: Connection = {
        principal,
        res,
        buffer: lastEventId === undefined ? null : [],
        replayedUpTo: 0,
      };
      const conns = byOwner.get(principal.sub) ?? new Set<Connection>();
      byOwner.set(principal.sub, conns);
      conns.add(conn);
      count++;
      metrics.sseStreams.inc();
      res.onClose(() => remove(conn));
      if (conns.size > maxPerPrincipal) {
        // Sets iterate in insertion order: the first is the oldest.
        const oldest = conns.values().next().value as Connection;
        remove(oldest);
        oldest.res.end(': closed: a newer stream of this user replaced it\n\n');
      }
      if (lastEventId === undefined) return;
      try {
        let after = lastEventId;
        for (;;) {
          const page = await store.eventsSince(principal.sub, after, REPLAY_PAGE);
          for (const event of page) send(conn, event);
          if (page.length > 0) after = page[page.length - 1]?.id ?? after;
          if (page.length < REPLAY_PAGE) break;
        }
        conn.replayedUpTo = after;
      } finally {
        const buffered = conn.buffer ?? [];
        conn.buffer = null;
        for (const event of buffered) if (event.id > conn.replayedUpTo) send(conn, event);
      }
    },
    size: () => count,
    close() {
      unsubscribe?.();
      unsubscribe = undefined;
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = undefined;
      for (const conns of byOwner.values()) for (const conn of conns) conn.res.end();
      byOwner.clear();
      metrics.sseStreams.set(0);
      count = 0;
    },
  };
}
