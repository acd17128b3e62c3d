import http from 'node:http';
import { createSseParser } from '@dotskit/api/wire';

/** One server-sent event. */
export interface SseEvent {
  id: number | undefined;
  event: string;
  data: unknown;
}

/** An SSE reader over node:http (headers allowed, many streams cheap), with the one parser. */
export interface SseStream {
  status: number;
  /** Events received so far, in order (none kept when opened with `keep: false`). */
  events: SseEvent[];
  /** How many events arrived so far (kept or not). */
  received(): number;
  /** Resolves when the server ends the stream or the connection drops. */
  ended: Promise<void>;
  /** Highest `id:` seen so far. */
  lastId(): number | undefined;
  /** Resolves with the first event (seen or future) matching `predicate`. */
  waitFor(predicate: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

/**
 * Opens `GET ${baseUrl}/events` with a bearer token and an optional `Last-Event-ID`. Every
 * event is parsed; `keep: false` (the soak's 1,000 streams) counts them without keeping
 * them, so a long run's test process does not hold every event it ever received. Default: kept.
 */
export function openEvents(
  baseUrl: string,
  token: string,
  lastEventId?: number,
  { keep = true }: { keep?: boolean } = {},
): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'text/event-stream',
    };
    if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
    const req = http.get(`${baseUrl}/events`, { headers, agent }, (res) => {
      const events: SseEvent[] = [];
      const waiters = new Set<() => void>();
      let received = 0;
      let endedResolve: () => void = () => {};
      const ended = new Promise<void>((r) => {
        endedResolve = r;
      });
      const feed = createSseParser((frame) => {
        received++;
        const event = {
          id: frame.id === undefined ? undefined : Number(frame.id),
          event: frame.event,
          data: JSON.parse(frame.data),
        };
        if (keep) events.push(event);
        for (const w of [...waiters]) w();
      });
      res.setEncoding('utf8');
      res.on('data', feed);
      const finish = () => {
        endedResolve();
        for (const w of [...waiters]) w();
      };
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
      resolve({
        status: res.statusCode ?? 0,
        events,
        received: () => received,
        ended,
        lastId: () => {
          for (let i = events.length - 1; i >= 0; i--)
            if (events[i]?.id !== undefined) return events[i]?.id;
          return lastEventId;
        },
        waitFor: (predicate, timeoutMs = 10_000) =>
          new Promise((ok, fail) => {
            const check = () => {
              const found = events.find(predicate);
              if (!found) return false;
              waiters.delete(check);
              clearTimeout(timer);
              ok(found);
              return true;
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`SSE: no matching event in ${timeoutMs} ms (got ${events.length})`));
            }, timeoutMs);
            if (!check()) waiters.add(check);
          }),
        close: () => {
          req.destroy();
          res.destroy();
        },
      });
    });
    req.on('error', reject);
  });
}
