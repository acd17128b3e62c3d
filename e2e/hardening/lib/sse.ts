import http from 'node:http';

/** One server-sent event. */
export interface SseEvent {
  id: number | undefined;
  event: string;
  data: unknown;
}

/** An SSE reader over node:http (headers allowed, many streams cheap). */
export interface SseStream {
  status: number;
  events: SseEvent[];
  /** Resolves when the server ends the stream or the connection drops. */
  ended: Promise<void>;
  /** Highest `id:` seen so far. */
  lastId(): number | undefined;
  /** Resolves with the first event (seen or future) matching `predicate`. */
  waitFor(predicate: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

/** Opens `GET ${baseUrl}/events` with a bearer token and an optional `Last-Event-ID`. */
export function openEvents(
  baseUrl: string,
  token: string,
  lastEventId?: number,
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
      let buffer = '';
      let endedResolve: () => void = () => {};
      const ended = new Promise<void>((r) => {
        endedResolve = r;
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let id: number | undefined;
          let event = 'message';
          const data: string[] = [];
          for (const line of frame.split('\n')) {
            if (line.startsWith('id: ')) id = Number(line.slice(4));
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) {
            events.push({ id, event, data: JSON.parse(data.join('\n')) });
            for (const w of [...waiters]) w();
          }
        }
      });
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
