import type { NewStreamEvent } from '../commit-port';
import { jsonClone } from '../json';
import { createListenerSet } from '../listeners';
import type { EventLogPort, StreamEvent } from '../ports';
import type { MemoryPart, MemoryPortContext } from './context';

/**
 * The event-log port in memory: `subscribe` sees this store's appends only. `append` adds
 * events (one with `once` only when its marker is new) without notifying; `notify` then
 * hands copies to the subscribers (for `commitCreate`, which notifies after all its writes).
 */
export function memoryEventLog(
  ctx: MemoryPortContext,
  onError?: (error: unknown) => void,
): MemoryPart<EventLogPort> & {
  close(): void;
  append(events: readonly NewStreamEvent[]): StreamEvent[];
  notify(events: readonly StreamEvent[]): void;
} {
  const { now, open, wrote } = ctx;
  const events = new Map<string, StreamEvent[]>();
  const onceMarkers = new Set<string>();
  const listeners = createListenerSet(onError);
  let lastEventId = 0;
  const mark = (key: string) => {
    if (onceMarkers.has(key)) return false;
    onceMarkers.add(key);
    return true;
  };
  const copy = (event: StreamEvent) => ({ ...event, data: jsonClone(event.data) });
  const append = (added: readonly NewStreamEvent[]) => {
    const appended: StreamEvent[] = [];
    for (const { owner, type, data, once } of added) {
      if (once !== undefined && !mark(once)) continue;
      const event: StreamEvent = {
        id: ++lastEventId,
        owner,
        type,
        data: jsonClone(data),
        createdAt: now(),
      };
      const list = events.get(owner) ?? [];
      if (list.length === 0) events.set(owner, list);
      list.push(event);
      appended.push(event);
    }
    return appended.map(copy);
  };
  const notify = (appended: readonly StreamEvent[]) => {
    for (const event of appended) listeners.emit(copy(event));
  };
  return {
    close: () => listeners.clear(),
    append,
    notify,
    sweep(_at, cutoff) {
      for (const [owner, list] of events) {
        const kept = list.filter((e) => e.createdAt > cutoff);
        if (kept.length === 0) events.delete(owner);
        else if (kept.length !== list.length) events.set(owner, kept);
      }
    },
    methods: {
      async appendEvent(owner, type, data) {
        open();
        wrote();
        const [event] = append([{ owner, type, data }]);
        notify([event as StreamEvent]);
        return event as StreamEvent;
      },
      async eventsSince(owner, afterId, limit) {
        open();
        const list = events.get(owner) ?? [];
        // Ids are ascending: binary search for the first id > afterId.
        let lo = 0;
        let hi = list.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if ((list[mid] as StreamEvent).id <= afterId) lo = mid + 1;
          else hi = mid;
        }
        return list
          .slice(lo, lo + Math.max(0, limit))
          .map((e) => ({ ...e, data: jsonClone(e.data) }));
      },
      subscribe(listener) {
        open();
        return listeners.add(listener);
      },
      async markOnce(key) {
        open();
        return mark(key);
      },
    },
  };
}
