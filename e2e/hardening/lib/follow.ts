import { tokenFor } from './jwt';
import { openEvents, type SseEvent, type SseStream } from './sse';

/** A principal's event stream kept open across broker restarts (reconnects with Last-Event-ID). */
export interface FollowedStream {
  sub: string;
  events: SseEvent[];
  reconnects: number;
  stop(): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Follows `sub`'s `/events` like the widget does: reconnect after 200 ms, resume after the last id. */
export function followEvents(brokerUrl: () => string, sub: string): FollowedStream {
  const followed: FollowedStream = { sub, events: [], reconnects: -1, stop: () => {} };
  let stopped = false;
  let current: SseStream | undefined;
  let lastId: number | undefined;
  followed.stop = () => {
    stopped = true;
    current?.close();
  };
  void (async () => {
    while (!stopped) {
      followed.reconnects++;
      try {
        const stream = await openEvents(brokerUrl(), tokenFor(sub), lastId ?? 0);
        current = stream;
        if (stream.status !== 200) {
          stream.close();
        } else {
          let seen = 0;
          const pump = () => {
            for (; seen < stream.events.length; seen++) {
              const e = stream.events[seen] as SseEvent;
              followed.events.push(e);
              if (e.id !== undefined) lastId = e.id;
            }
          };
          const timer = setInterval(pump, 50);
          await stream.ended;
          clearInterval(timer);
          pump();
        }
      } catch {
        // connection refused while the broker restarts
      }
      if (!stopped) await sleep(200);
    }
  })();
  return followed;
}
