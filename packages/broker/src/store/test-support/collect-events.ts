import type { BrokerStore, StreamEvent } from '../ports';

/**
 * Subscribes to `store` and resolves with the first `count` events (optionally only those
 * of `owner`), or rejects after `timeoutMs` saying how many arrived.
 */
export function collectEvents(
  store: BrokerStore,
  count: number,
  options: { owner?: string; timeoutMs?: number } = {},
): { events: StreamEvent[]; done: Promise<StreamEvent[]>; unsubscribe: () => void } {
  const events: StreamEvent[] = [];
  let unsubscribe = () => {};
  const done = new Promise<StreamEvent[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(
        new Error(
          `expected ${count} events, got ${events.length}: ${JSON.stringify(events.map((e) => e.id))}`,
        ),
      );
    }, options.timeoutMs ?? 5_000);
    unsubscribe = store.subscribe((event) => {
      if (options.owner !== undefined && event.owner !== options.owner) return;
      events.push(event);
      if (events.length === count) {
        clearTimeout(timer);
        resolve(events.slice());
      }
    });
  });
  return { events, done, unsubscribe: () => unsubscribe() };
}
