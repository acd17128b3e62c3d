/**
 * The fake broker's event log and `/events` streams: every event belongs to one
 * principal, is numbered (SSE `id:`) and goes only to that principal's open streams;
 * a reconnect with `Last-Event-ID` replays what the principal missed.
 */
export interface FakeEventLog {
  push(owner: string, type: string, data: string): void;
  open(owner: string, lastId: string | null, signal?: AbortSignal | null): Response;
  drop(): void;
  readonly size: number;
}

/** Creates an empty log with no open streams. */
export function createEventLog(): FakeEventLog {
  const enc = new TextEncoder();
  const streams = new Map<ReadableStreamDefaultController<Uint8Array>, string>();
  const log: { id: number; owner: string; text: string }[] = [];
  let seq = 0;
  return {
    push(owner, type, data) {
      const entry = { id: ++seq, owner, text: `id: ${seq}\nevent: ${type}\ndata: ${data}\n\n` };
      log.push(entry);
      for (const [c, o] of streams) if (o === owner) c.enqueue(enc.encode(entry.text));
    },
    open(owner, lastId, signal) {
      // As fetch does: a request aborted before it was sent never gets a response.
      if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
      let ctl!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          ctl = c;
          streams.set(c, owner);
          c.enqueue(enc.encode(': connected\n\n'));
          for (const e of log)
            if (lastId && e.id > Number(lastId) && e.owner === owner) c.enqueue(enc.encode(e.text));
        },
        cancel() {
          streams.delete(ctl);
        },
      });
      signal?.addEventListener('abort', () => {
        if (streams.delete(ctl)) ctl.error(new DOMException('aborted', 'AbortError'));
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
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
