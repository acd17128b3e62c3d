/** Deliveries the log keeps: beyond it, the oldest finished ones are dropped. */
export const MAX_LOG = 10_000;

/**
 * Deliveries pushed past `MAX_LOG` before the log is compacted. Compacting visits every
 * entry, so doing it on each push would cost a long-running sandbox O(MAX_LOG) per
 * webhook; once per `LOG_SLACK` pushes it costs O(1) per webhook on average.
 */
export const LOG_SLACK = 1_000;

/** The webhook delivery log of a dispatcher, bounded to the last `max` deliveries. */
export interface DeliveryLog<T extends { status: string }> {
  push(delivery: T): void;
  /** The last `max` deliveries (every pending one, however old), oldest first; a copy. */
  list(): T[];
  clear(): void;
}

/** Drops the oldest finished entries beyond `max`; pending ones always stay. Returns a new array. */
function bounded<T extends { status: string }>(log: readonly T[], max: number): T[] {
  const excess = log.length - max;
  if (excess <= 0) return [...log];
  let dropped = 0;
  return log.filter((d) => d.status === 'pending' || dropped++ >= excess);
}

/**
 * Creates a delivery log keeping the last `max` deliveries (default `MAX_LOG`). It holds up
 * to `max + slack` (default `LOG_SLACK`) internally between compactions; `list()` always
 * shows the bound, so what callers see does not depend on when it last compacted.
 */
export function createDeliveryLog<T extends { status: string }>(
  max = MAX_LOG,
  slack = LOG_SLACK,
): DeliveryLog<T> {
  let log: T[] = [];
  return {
    push(delivery) {
      log.push(delivery);
      if (log.length > max + slack) log = bounded(log, max);
    },
    list: () => bounded(log, max),
    clear() {
      log = [];
    },
  };
}
