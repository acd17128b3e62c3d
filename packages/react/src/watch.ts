import type { ResourceByKind, ResourceKind } from '@dotskit/api/wire';
import type { DotsRuntime } from './store';

/** Options of {@link watchResource}. */
export interface WatchOptions<K extends ResourceKind> {
  /** Stop polling once this is true of the latest resource. */
  done?: (r: ResourceByKind[K]) => boolean;
  onError?: (err: unknown) => void;
}

const BASE = 2000;
const MAX = 30_000;

/**
 * Follows one resource: holds a reference on the provider's event stream and polls
 * `GET` (at once, then with backoff 2 s × 1.6 up to 30 s), paused while `document.hidden` and resumed
 * at once when the tab shows again.
 * `stop()` releases everything (timer, listener, stream reference).
 */
export function watchResource<K extends ResourceKind>(
  rt: DotsRuntime,
  kind: K,
  id: string,
  { done, onError }: WatchOptions<K> = {},
): { stop: () => void } {
  const release = rt.stream.acquire();
  let delay = BASE;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = stopped || document.hidden ? undefined : setTimeout(tick, ms);
  };
  const tick = async () => {
    timer = undefined;
    try {
      const r = await rt.fetch(kind, id);
      if (stopped || done?.(r)) return;
    } catch (err) {
      if (stopped) return;
      onError?.(err);
    }
    if (!timer) schedule(delay);
    delay = Math.min(MAX, delay * 1.6);
  };
  // Hidden: schedule() clears the timer. Visible again: fetch now, from the base delay.
  const onVisibility = () => {
    delay = BASE;
    schedule(0);
  };

  document.addEventListener('visibilitychange', onVisibility);
  // Fetch at once (not on a timer) so that watchers mounted together share one request.
  void tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      document.removeEventListener('visibilitychange', onVisibility);
      release();
    },
  };
}
