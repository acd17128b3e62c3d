import { jsonClone } from '../json';
import { createListenerSet } from '../listeners';
import type { EventLogPort, StreamEvent } from '../ports';
import type { MemoryPart, MemoryPortContext } from './context';

/** The event-log port in memory: `subscribe` sees this store's appends only. */
export function memoryEventLog(
  ctx: MemoryPortContext,
  onError?: (error: unknown) => void,
): MemoryPart<EventLogPort> & { close(): void } {
  const { now, open, wrote } = ctx;
  const events = new Map<string, StreamEvent[]>();
  const onceMarkers = new Set<string>();
  const listeners = createListenerSet(onError);
  let lastEventId = 0;
  return {
    close: () => listeners.clear(),
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
        listeners.emit({ ...event, data: jsonClone(event.data) });
        return { ...event, data: jsonClone(event.data) };
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
        if (onceMarkers.has(key)) return false;
        onceMarkers.add(key);
        return true;
      },
    },
  };
}
