import type { StreamEvent, StreamListener } from './ports';

/**
 * In-process fan-out of stream events to subscribers. A throwing listener is reported on
 * `onError` (default: `console.error`) and never stops delivery to the others.
 */
export interface ListenerSet {
  add(listener: StreamListener): () => void;
  emit(event: StreamEvent): void;
  readonly size: number;
  clear(): void;
}

/** Creates an empty listener set. */
export function createListenerSet(
  onError: (error: unknown) => void = (error) =>
    console.error('[dotskit] store listener failed', error),
): ListenerSet {
  const listeners = new Set<StreamListener>();
  return {
    add(listener) {
      // Wrap so that subscribing the same function twice yields two independent subscriptions.
      const entry: StreamListener = (event) => listener(event);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          onError(error);
        }
      }
    },
    get size() {
      return listeners.size;
    },
    clear() {
      listeners.clear();
    },
  };
}
