import { formatSseFrame } from '@dotskit/api/wire';
import { type FakeCaller, scopeForEvent } from './auth';

/**
 * The fake broker's event log and `/events` streams: every event belongs to one
 * principal, is numbered (SSE `id:`) and goes only to that principal's open streams whose
 * token holds the event's scope (as the broker's SSE hub does); a reconnect with
 * `Last-Event-ID` replays what the principal missed. Frames are written with the wire's
 * `formatSseFrame`, the broker's own writer.
 */
export interface FakeEventLog {
  push(owner: string, type: string, data: string): void;
  open(caller: FakeCaller, lastId: string | null, signal?: AbortSignal | null): Response;
  drop(): void;
  readonly size: number;
}

/** Creates an empty log with no open streams. */
export function createEventLog(): FakeEventLog {
  const enc = new TextEncoder();
  const streams = new Map<ReadableStreamDefaultController<Uint8Array>, FakeCaller>();
  const log: { id: number; owner: string; type: string; text: string }[] = [];
  const gets = (c: FakeCaller, e: { owner: string; type: string }) =>
    c.principal === e.owner && c.scopes.has(scopeForEvent(e.type));
  let seq = 0;
  return {
    push(owner, type, data) {
      const text = formatSseFrame({ id: ++seq, event: type, data });
      const entry = { id: seq, owner, type, text };
      log.push(entry);
      for (const [c, caller] of streams) if (gets(caller, entry)) c.enqueue(enc.encode(text));
    },
    open(caller, lastId, signal) {
      // As fetch does: a request aborted before it was sent never gets a response.
      if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
      let ctl!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          ctl = c;
          streams.set(c, caller);
          c.enqueue(enc.encode('retry: 3000\n: connected\n\n'));
          // The broker replays only for a well-formed `Last-Event-ID` (a decimal integer).
          const after = lastId !== null && /^\d{1,15}$/.test(lastId.trim()) ? Number(lastId) : null;
          for (const e of log)
            if (after !== null && e.id > after && gets(caller, e)) c.enqueue(enc.encode(e.text));
        },
        cancel() {
          streams.delete(ctl);
        },
      });
      signal?.addEventListener('abort', () => {
        if (streams.delete(ctl)) ctl.error(new DOMException('aborted', 'AbortError'));
      });
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
        },
      });
    },
    drop() {
      for (const c of streams.keys()) c.close();
      streams.clear();
    },
    get size() {
      return streams.size;
    },
  };
}
