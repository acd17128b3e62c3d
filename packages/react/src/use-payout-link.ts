import type { PayoutLink, Transfer } from '@dotskit/api/wire';
import { type DotsWidgetError, toWidgetError } from './errors';
import { checkLink, useCheckedLink } from './flow-link';
import { useFollowLink } from './follow-link';
import { useDots } from './provider';
import { useEffect, useRef, useState } from './react-hooks';
import { fireOnce, uid } from './util';

/** Where a payout link is, from the host's point of view. */
export type PayoutLinkState = 'idle' | 'creating' | 'open' | 'claimed' | 'paid_out' | 'error';

/** How the link opens: an in-page modal (default), a popup window, or a full-page redirect. */
export type PayoutLinkMode = 'modal' | 'popup' | 'redirect';

/** Options of {@link usePayoutLink} (and props of `PayoutLinkButton`). */
export interface UsePayoutLinkOptions {
  /** Amount in cents. */
  amount: number;
  memo?: string;
  payee?: {
    first_name?: string;
    last_name?: string;
    email?: string;
    country_code?: string;
    phone_number?: string;
  };
  delivery?: {
    method?: 'link' | 'sms' | 'email' | 'all';
    email?: string;
    country_code?: string;
    phone_number?: string;
  };
  metadata?: Record<string, unknown>;
  /** Default `modal`. A blocked popup falls back to the modal. */
  mode?: PayoutLinkMode;
  /** Once per link, when the broker created it. */
  onCreated?: (link: PayoutLink) => void;
  /** Once per link, when its status becomes `claimed`. */
  onClaimed?: (link: PayoutLink) => void;
  /** Once per link, when its transfer is `completed`. */
  onPaidOut?: (transfer: Transfer, link: PayoutLink) => void;
  /** Once per failure: creating the link, or a link that fails the check (`untrusted_link`). */
  onError?: (error: DotsWidgetError) => void;
}

/** What {@link usePayoutLink} returns. */
export interface UsePayoutLinkResult {
  status: PayoutLinkState;
  payoutLink?: PayoutLink;
  /** The link's URL once it passed the link check (`checkLink`): the only one to open. */
  url?: URL;
  transfer?: Transfer;
  error?: DotsWidgetError;
  /** Call from a click handler: creates the link (once per body) and opens it. */
  open: () => void;
  /** Closes the modal. */
  close: () => void;
  /** Whether the modal is open. */
  isOpen: boolean;
  /** The popup was blocked and the modal opened instead. */
  popupBlocked: boolean;
}

/** Page navigation for `mode="redirect"` (an object so tests can observe it). */
export const nav = { go: (url: string) => window.location.assign(url) };

/**
 * Headless payout link. `open()` must run inside the click: a popup window is opened
 * synchronously (so no blocker stops it) and pointed at the link once it exists. The
 * idempotency key is fixed per request body, so double clicks and retries create one
 * link. After creation the link (and then its transfer) is followed live until final.
 */
export function usePayoutLink(options: UsePayoutLinkOptions): UsePayoutLinkResult {
  const { rt, origins } = useDots('usePayoutLink');
  const cb = useRef(options);
  cb.current = options;
  const { amount, memo, payee, delivery, metadata } = options;
  const body = JSON.stringify({ amount, memo, payee, delivery, metadata });
  const [s, setS] = useState<{
    body: string;
    key: string;
    id?: string;
    busy?: boolean;
    error?: DotsWidgetError;
  }>(() => ({ body, key: uid() }));
  if (s.body !== body) setS({ body, key: uid() });
  const [isOpen, setOpen] = useState(false);
  const [popupBlocked, setBlocked] = useState(false);
  const fired = useRef(new Set<string>());
  const busy = useRef(false);
  const { link, transfer } = useFollowLink(rt, s.id);

  const { url, error: linkError } = useCheckedLink(link?.link, origins);
  const error = s.error ?? linkError;
  useEffect(() => {
    if (error) cb.current.onError?.(error);
  }, [error]);

  useEffect(() => {
    const once = (k: string, fn: () => void) => fireOnce(fired.current, k, fn);
    if (link?.status === 'claimed') once(`c${link.id}`, () => cb.current.onClaimed?.(link));
    if (link && transfer?.status === 'completed')
      once(`p${link.id}`, () => cb.current.onPaidOut?.(transfer, link));
  }, [link, transfer]);

  const open = () => {
    // A second click while the link is being created changes nothing.
    if (busy.current) return;
    let mode = cb.current.mode ?? 'modal';
    let win: Window | null = null;
    if (mode === 'popup') {
      // A blank window until there is a checked link to point it at.
      win = window.open(url?.href ?? '', '_blank');
      if (win) win.opener = null;
      else {
        setBlocked(true);
        mode = 'modal';
      }
    }
    if (mode === 'modal') setOpen(true);
    if (link) {
      if (!url) win?.close();
      else if (mode === 'redirect') nav.go(url.href);
      return;
    }
    busy.current = true;
    setS((p) => ({ ...p, busy: true, error: undefined }));
    rt.client
      .post<PayoutLink>('/payout-links', { ...JSON.parse(s.body), idempotency_key: s.key })
      .then(
        (l) => {
          rt.put('payout_link', l);
          setS((p) => (p.key === s.key ? { ...p, id: l.id, busy: false } : p));
          fireOnce(fired.current, l.id, () => cb.current.onCreated?.(l));
          // Refused: the error state (and onError) come from the same check at render.
          const u = checkLink(l.link, origins);
          if (!(u instanceof URL)) win?.close();
          else if (win) win.location.href = u.href;
          else if (mode === 'redirect') nav.go(u.href);
        },
        (err) => {
          win?.close();
          setS((p) => ({ ...p, busy: false, error: toWidgetError(err) }));
        },
      )
      .finally(() => {
        busy.current = false;
      });
  };

  return {
    status: error
      ? 'error'
      : transfer?.status === 'completed'
        ? 'paid_out'
        : link?.status === 'claimed'
          ? 'claimed'
          : link
            ? 'open'
            : s.busy
              ? 'creating'
              : 'idle',
    payoutLink: link,
    url,
    transfer,
    error,
    open,
    close: () => setOpen(false),
    isOpen,
    popupBlocked,
  };
}
