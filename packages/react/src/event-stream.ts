import { createSseParser, type SseFrame } from '@dotskit/api/wire';
import type { BrokerClient } from './broker-client';

/** One reference-counted SSE connection to `GET {url}/events` per provider. */
export interface EventStream {
  /** Takes a reference; the connection opens on the first and closes after the last release. */
  acquire(): () => void;
}

/**
 * Reads the broker's `text/event-stream` (the format of `@dotskit/api/wire`) with fetch
 * streaming, so the token travels in a header; reconnects with exponential backoff (1 s
 * doubling to 30 s, plus up to 1 s of jitter) and `Last-Event-ID`, and hands every frame
 * to `onFrame` (which reads the ones it knows and skips the rest).
 */
export function createEventStream(
  client: BrokerClient,
  onFrame: (frame: SseFrame) => void,
): EventStream {
  let refs = 0;
  let ctrl: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastId: string | undefined;
  let attempt = 0;

  const connect = async () => {
    const c = new AbortController();
    ctrl = c;
    try {
      const res = await client.raw('/events', {
        headers: { accept: 'text/event-stream', ...(lastId && { 'last-event-id': lastId }) },
        signal: c.signal,
      });
      // Aborting the signal also errors the body, which ends the read loop.
      const reader = res.ok ? res.body?.getReader() : undefined;
      if (!reader) throw 0;
      const decoder = new TextDecoder();
      const feed = createSseParser((frame) => {
        lastId = frame.id ?? lastId;
        onFrame(frame);
      });
      attempt = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // Reconnect below unless we were closed on purpose.
    }
    if (ctrl === c && !c.signal.aborted)
      timer = setTimeout(connect, Math.min(30_000, 1000 * 2 ** attempt++) + Math.random() * 1000);
  };

  return {
    acquire() {
      if (refs++ === 0) {
        attempt = 0;
        void connect();
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--refs === 0) {
          clearTimeout(timer);
          ctrl?.abort();
          ctrl = undefined;
        }
      };
    },
  };
}
