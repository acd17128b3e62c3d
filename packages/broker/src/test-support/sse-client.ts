import { createSseParser } from '@dotskit/api/wire';

/** One parsed server-sent event. */
export interface SseMessage {
  id: number | undefined;
  event: string;
  data: unknown;
}

/**
 * A test SSE reader over fetch streaming (headers allowed, as the widget does), reading the
 * stream with the one parser (`createSseParser` from `@dotskit/api/wire`).
 */
export interface SseClient {
  status: number;
  headers: Headers;
  messages: SseMessage[];
  /** Comment lines (heartbeats) seen so far. */
  comments: string[];
  /** Resolves with the first message (seen or future) matching `predicate`. */
  next(predicate: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  /** Resolves when a comment matching `text` arrives. */
  nextComment(text: string, timeoutMs?: number): Promise<void>;
  close(): void;
}

/**
 * Opens `GET url` as an event stream with a bearer token and optional `Last-Event-ID`,
 * through `fetchImpl` (default: the global `fetch`; a fake broker's own `fetch` works too).
 */
export async function openSse(
  url: string,
  bearer: string,
  lastEventId?: number,
  fetchImpl: typeof fetch = fetch,
): Promise<SseClient> {
  const controller = new AbortController();
  const headers: Record<string, string> = {
    authorization: `Bearer ${bearer}`,
    accept: 'text/event-stream',
  };
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  const res = await fetchImpl(url, { headers, signal: controller.signal });
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  const feed = createSseParser(
    (frame) => {
      messages.push({
        id: frame.id === undefined ? undefined : Number(frame.id),
        event: frame.event,
        data: JSON.parse(frame.data),
      });
      notify();
    },
    (comment) => {
      comments.push(comment);
      notify();
    },
  );
  const pump = async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
        feed(decoder.decode(chunk, { stream: true }));
    } catch {
      // aborted by close()
    }
  };
  void pump();
  const wait = <T>(check: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const attempt = () => {
        const found = check();
        if (found === undefined) return false;
        waiters.delete(attempt);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(attempt);
        reject(
          new Error(
            `SSE: timed out waiting for ${what}; got ${JSON.stringify(messages.map((m) => m.event))}`,
          ),
        );
      }, timeoutMs);
      if (!attempt()) waiters.add(attempt);
    });
  return {
    status: res.status,
    headers: res.headers,
    messages,
    comments,
    next: (predicate, timeoutMs = 5_000) =>
      wait(() => messages.find(predicate), timeoutMs, 'a matching event'),
    nextComment: (text, timeoutMs = 5_000) =>
      wait(() => (comments.includes(text) ? true : undefined), timeoutMs, `comment ${text}`).then(
        () => undefined,
      ),
    close: () => controller.abort(),
  };
}
