import { useEffect, useReducer, useRef } from 'react';
import { type DotsError, toDotsError } from './errors';
import { useDots } from './provider';
import { NO_LINKED_USER, type Wallet } from './seller-wire';
import type { DotsState } from './store';

/** Options of {@link useWallet}. */
export interface UseWalletOptions {
  /** Once per failure to load (not for `no_linked_user`, which is the `empty` state). */
  onError?: (error: DotsError) => void;
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
  error?: DotsError;
  /** Reads the wallet again (after an error, or when the host knows it changed). */
  refresh: () => void;
}

interface State {
  gen: number;
  status: UseWalletResult['status'];
  wallet?: Wallet;
  error?: DotsError;
}

/**
 * A signature of what moves a wallet: each transfer's status, and each completed flow
 * (onboarding links the user; a payout step withdraws).
 */
const moves = (s: DotsState) =>
  Object.entries(s.resources)
    .filter(([k]) => k.startsWith('transfer:') || k.startsWith('flow:'))
    .map(([k, r]) =>
      k.startsWith('flow:')
        ? `${k}=${(r as { completed_steps: string[] }).completed_steps.length}`
        : `${k}=${(r as { status: string }).status}`,
    )
    .join();

/**
 * The principal's wallet (`GET /wallet`): balance and withdrawable amount, live. Lifecycle:
 * reads it on mount; holds a reference on the provider's event stream and reads it again
 * whenever a transfer appears or changes status, or a flow completes a step (the broker's
 * `transfer.updated` / `flow.updated` events, or any component's read), and on `refresh()`.
 * The broker's 404 `no_linked_user` is the `empty` state, not an error. Never throws.
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

  useEffect(() => rt.stream.acquire(), [rt]);
  useEffect(() => {
    let seen = moves(rt.store.getState());
    return rt.store.subscribe((state) => {
      const now = moves(state);
      if (now !== seen) {
        seen = now;
        set('again');
      }
    });
  }, [rt]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: s.gen is what re-runs it
  useEffect(() => {
    let live = true;
    rt.client.get<Wallet>('/wallet').then(
      (wallet) => live && set({ status: 'ready', wallet, error: undefined }),
      (err: unknown) => {
        if (!live) return;
        const error = toDotsError(err);
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
