import type { BrokerClient } from './broker-client';
import { type BrokerEvent, createSseParser, parseBrokerEvent } from './broker-events';

/** One reference-counted SSE connection to `GET {url}/events` per provider. */
export interface EventStream {
  /** Takes a reference; the connection opens on the first and closes after the last release. */
  acquire(): () => void;
  /** Whether the stream is currently connected (polling slows down when it is). */
  readonly connected: boolean;
}

const MAX_DELAY = 30_000;

/**
 * Reads the stream with fetch streaming (so the token travels in a header), reconnects
 * with exponential backoff and `Last-Event-ID`, and hands each valid event to `onEvent`.
 */
export function createEventStream(
  client: BrokerClient,
  onEvent: (event: BrokerEvent) => void,
): EventStream {
  let refs = 0;
  let ctrl: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastId: string | undefined;
  let attempt = 0;
  let base = 1000;
  let connected = false;

  const schedule = () => {
    const delay = Math.min(MAX_DELAY, base * 2 ** attempt++) * (0.8 + Math.random() * 0.4);
    timer = setTimeout(connect, delay);
  };

  const connect = async () => {
    timer = undefined;
    const c = new AbortController();
    ctrl = c;
    try {
      const init: RequestInit = {
        headers: { accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) },
        signal: c.signal,
      };
      let res = await client.raw('/events', init, false);
      if (res.status === 401) res = await client.raw('/events', init, true);
      if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
      const reader = res.body.getReader();
      c.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}));
      const decoder = new TextDecoder();
      const feed = createSseParser((msg) => {
        if (msg.retry !== undefined) base = msg.retry;
        if (msg.id !== undefined) lastId = msg.id;
        const ev = parseBrokerEvent(msg.data, msg.id);
        if (ev && ev.type === msg.event) onEvent(ev);
      });
      connected = true;
      attempt = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // Reconnect below unless we were closed on purpose.
    }
    connected = false;
    if (ctrl === c && !c.signal.aborted && refs > 0) schedule();
  };

  const close = () => {
    clearTimeout(timer);
    timer = undefined;
    ctrl?.abort();
    ctrl = undefined;
    connected = false;
  };

  return {
    get connected() {
      return connected;
    },
    acquire() {
      if (refs++ === 0) {
        attempt = 0;
        void connect();
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--refs === 0) close();
      };
    },
  };
}
