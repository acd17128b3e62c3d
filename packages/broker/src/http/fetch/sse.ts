import type { Principal } from '../../types';
import { SSE_HEADERS, type SseHub, type SseSink } from '../sse-hub';

/**
 * `GET /events` for the Fetch adapter: a `text/event-stream` Response whose body the hub
 * writes into. The stream ends when the client goes away (`signal` aborts, or the body is
 * cancelled) or the hub ends it.
 */
export function sseResponse(
  hub: SseHub,
  principal: Principal,
  lastEventId: number | undefined,
  signal: AbortSignal,
  headers: Record<string, string>,
): Response {
  const encoder = new TextEncoder();
  const closeListeners: Array<() => void> = [];
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    for (const listener of closeListeners.splice(0)) listener();
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const sink: SseSink = {
        write(chunk) {
          if (!ended) controller.enqueue(encoder.encode(chunk));
        },
        end(chunk) {
          if (ended) return;
          if (chunk) controller.enqueue(encoder.encode(chunk));
          finish();
          controller.close();
        },
        get ended() {
          return ended;
        },
        onClose(listener) {
          if (ended) listener();
          else closeListeners.push(listener);
        },
      };
      signal.addEventListener('abort', finish, { once: true });
      void hub.open(principal, sink, lastEventId).catch(() => sink.end());
    },
    cancel: finish,
  });
  return new Response(body, { status: 200, headers: { ...headers, ...SSE_HEADERS } });
}
