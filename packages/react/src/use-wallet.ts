import { type DotsWidgetError, toWidgetError } from './errors';
import { useDots } from './provider';
import { useEffect, useReducer, useRef } from './react-hooks';
import { NO_LINKED_USER, parseWallet, type Wallet } from './seller-wire';
import type { DotsState } from './store';

/** Options of {@link useWallet}. */
export interface UseWalletOptions {
  /** Once per failure to load (not for `no_linked_user`, which is the `empty` state). */
  onError?: (error: DotsWidgetError) => void;
}

/** What {@link useWallet} returns. */
export interface UseWalletResult {
  /**
   * `loading` (first read), `ready` (`wallet` set), `empty` (the principal has no Dots
   * user yet: onboarding comes first), or `error`.
   */
  status: 'loading' | 'ready' | 'empty' | 'error';
  /** Amounts in cents; the last one read stays while a refresh is in flight. */
  wallet?: Wallet;
  error?: DotsWidgetError;
  /** Reads the wallet again (after an error, or when the host knows it changed). */
  refresh: () => void;
}

interface State {
  gen: number;
  status: UseWalletResult['status'];
  wallet?: Wallet;
  error?: DotsWidgetError;
}

/**
 * A signature of the flows' completed steps: onboarding links the Dots user (the broker
 * sends no wallet event for that), so a step completing is worth a read.
 */
const steps = (s: DotsState) =>
  Object.entries(s.resources)
    .filter(([k]) => k.startsWith('flow:'))
    .map(([k, r]) => `${k}=${(r as { completed_steps: unknown[] }).completed_steps.length}`)
    .join();

/**
 * The principal's wallet (`GET /wallet`): balance and withdrawable amount, live. Lifecycle:
 * reads it on mount and on `refresh()`; holds a reference on the provider's event stream
 * and shows the wallet of each `wallet.updated` event the broker pushes (it sends one
 * when a transfer to or from the linked user completes); reads again when a flow
 * completes a step (onboarding links the user). A read that was in flight when an event
 * arrived is dropped (the event is newer). The broker's 404 `no_linked_user` is the
 * `empty` state, not an error. Never throws.
 */
export function useWallet(options: UseWalletOptions = {}): UseWalletResult {
  const { rt } = useDots('useWallet');
  const cb = useRef(options);
  cb.current = options;
  // 'again' asks for a new read; anything else merges.
  const [s, set] = useReducer(
    (p: State, a: Partial<State> | 'again'): State =>
      a === 'again' ? { ...p, gen: p.gen + 1 } : { ...p, ...a },
    { gen: 0, status: 'loading' },
  );
  // Counts pushed wallets, so that a read started before one is not shown after it.
  const pushed = useRef(0);

  useEffect(() => rt.stream.acquire(), [rt]);
  useEffect(() => {
    let seen = steps(rt.store.getState());
    return rt.store.subscribe((state, prev) => {
      const wallet =
        state.frame !== prev.frame &&
        state.frame?.event === 'wallet.updated' &&
        parseWallet(state.frame.data);
      if (wallet) {
        pushed.current++;
        set({ status: 'ready', wallet, error: undefined });
      }
      const now = steps(state);
      if (now !== seen) {
        seen = now;
        set('again');
      }
    });
  }, [rt]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: s.gen is what re-runs it
  useEffect(() => {
    let live = true;
    const at = pushed.current;
    rt.client.get<Wallet>('/wallet').then(
      (wallet) =>
        live && at === pushed.current && set({ status: 'ready', wallet, error: undefined }),
      (err: unknown) => {
        if (!live || at !== pushed.current) return;
        const error = toWidgetError(err);
        if (error.code === NO_LINKED_USER) return set({ status: 'empty', wallet: undefined });
        set({ status: 'error', error });
        cb.current.onError?.(error);
      },
    );
    return () => {
      live = false;
    };
  }, [rt, s.gen]);

  return {
    status: s.status,
    wallet: s.wallet,
    error: s.error,
    refresh: () => set('again'),
  };
}
