import { type DotsWidgetError, toWidgetError } from './errors';
import { KIND_OF, rowsOf } from './history-rows';
import { useDots } from './provider';
import { useEffect, useMemo, useReducer, useRef, useSyncExternalStore } from './react-hooks';
import {
  type HistoryItem,
  type HistoryKind,
  type HistoryStatus,
  LIST_LIMIT,
  type ListPage,
} from './seller-wire';

/** Options of {@link usePayoutHistory}. */
export interface UsePayoutHistoryOptions<K extends HistoryKind = HistoryKind> {
  /** Which list: the principal's `transfers` or `payout-links`. */
  kind: K;
  /** Only items with this Dots status (the broker filters). Default: all. */
  status?: HistoryStatus[K];
  /** Items per page, 1..100. Default 20. */
  pageSize?: number;
  /** Once per failure to load a page. */
  onError?: (error: DotsWidgetError) => void;
}

/** What {@link usePayoutHistory} returns. */
export interface UsePayoutHistoryResult<K extends HistoryKind = HistoryKind> {
  /** The first page: `loading`, then `ready` or `error`. */
  status: 'loading' | 'ready' | 'error';
  /** Newest first; live (statuses change in place, new items appear). */
  items: HistoryItem[K][];
  /** Older items remain: `loadMore()` fetches the next page. */
  hasMore: boolean;
  /** A `loadMore()` is in flight. */
  loadingMore: boolean;
  /** The failure of the first page (`status: 'error'`) or of the last `loadMore()`. */
  error?: DotsWidgetError;
  /** Fetches the next page (no-op while one is in flight or when none remains). */
  loadMore: () => void;
  /** Starts over from the first page (after an error, or to resynchronise). */
  retry: () => void;
}

interface State {
  /** The list's inputs (`kind|status|pageSize`); a new key starts over. */
  key: string;
  gen: number;
  ids: string[];
  hasMore: boolean;
  status: 'loading' | 'ready' | 'error';
  loadingMore: boolean;
  error?: DotsWidgetError;
}

type Action =
  | { type: 'reset'; key: string }
  | { type: 'more' }
  | { type: 'page'; gen: number; page: ListPage<{ id: string }> }
  | { type: 'fail'; gen: number; error: DotsWidgetError };

const reduce = (s: State, a: Action): State => {
  switch (a.type) {
    case 'reset':
      return { ...INITIAL, key: a.key, gen: s.gen + 1 };
    case 'more':
      return { ...s, loadingMore: true, error: undefined };
    case 'page': {
      if (a.gen !== s.gen) return s;
      const ids = [...s.ids, ...a.page.data.map((r) => r.id).filter((id) => !s.ids.includes(id))];
      return { ...s, ids, hasMore: a.page.has_more, status: 'ready', loadingMore: false };
    }
    case 'fail':
      if (a.gen !== s.gen) return s;
      return {
        ...s,
        status: s.status === 'loading' ? 'error' : s.status,
        loadingMore: false,
        error: a.error,
      };
  }
};

const INITIAL: State = {
  key: '',
  gen: 0,
  ids: [],
  hasMore: false,
  status: 'loading',
  loadingMore: false,
};

/**
 * The principal's transfers or payout links, newest first, page by page (`GET /transfers`
 * or `GET /payout-links` with `limit`, `starting_after`, `status`). Lifecycle: loads the
 * first page on mount (StrictMode's remount shares the request), holds a reference on
 * the provider's event stream while mounted, so `transfer.updated` / `payout_link.updated`
 * update rows in place and put new items at the top; never polls (a reconnect replays
 * missed events). Changing `kind`, `status` or `pageSize` starts over. Never throws.
 */
export function usePayoutHistory<K extends HistoryKind>(
  options: UsePayoutHistoryOptions<K>,
): UsePayoutHistoryResult<K> {
  const { rt } = useDots('usePayoutHistory');
  const { kind, status, pageSize = LIST_LIMIT.default } = options;
  if (!Object.hasOwn(KIND_OF, kind))
    throw new TypeError(`[dotskit] usePayoutHistory: kind must be 'transfers' or 'payout-links'.`);
  if (!Number.isInteger(pageSize) || pageSize < LIST_LIMIT.min || pageSize > LIST_LIMIT.max)
    throw new TypeError('[dotskit] usePayoutHistory: pageSize must be an integer from 1 to 100.');
  const cb = useRef(options);
  cb.current = options;
  const key = `${kind}|${status ?? ''}|${pageSize}`;
  const [s, dispatch] = useReducer(reduce, { ...INITIAL, key });
  // New inputs: start over, during render (so no request goes out with the old state).
  if (s.key !== key) dispatch({ type: 'reset', key });
  const resources = useSyncExternalStore(
    rt.store.subscribe,
    () => rt.store.getState().resources,
    () => rt.store.getState().resources,
  );

  const fetchPage = (gen: number, after?: string) => {
    const q = new URLSearchParams({ limit: String(pageSize) });
    if (after) q.set('starting_after', after);
    if (status) q.set('status', status);
    rt.client.get<ListPage<HistoryItem[K]>>(`/${kind}?${q}`).then(
      (page) => {
        for (const r of page.data) rt.put(KIND_OF[kind], r as never);
        dispatch({ type: 'page', gen, page });
      },
      (err: unknown) => {
        const error = toWidgetError(err);
        dispatch({ type: 'fail', gen, error });
        cb.current.onError?.(error);
      },
    );
  };

  useEffect(() => rt.stream.acquire(), [rt]);
  // Each generation (mount, new inputs, retry) loads its first page once; StrictMode's
  // second run shares the in-flight GET and its page is merged without duplicates.
  // biome-ignore lint/correctness/useExhaustiveDependencies: s.gen is what re-runs it
  useEffect(() => {
    fetchPage(s.gen);
  }, [rt, s.gen]);

  const items = useMemo(() => rowsOf(kind, resources, s, status), [kind, resources, s, status]);
  return {
    status: s.status,
    items,
    hasMore: s.hasMore,
    loadingMore: s.loadingMore,
    error: s.error,
    loadMore: () => {
      if (s.loadingMore || !s.hasMore || s.status !== 'ready') return;
      dispatch({ type: 'more' });
      fetchPage(s.gen, s.ids.at(-1));
    },
    retry: () => dispatch({ type: 'reset', key }),
  };
}
