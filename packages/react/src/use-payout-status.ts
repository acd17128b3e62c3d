import type { ResourceByKind, ResourceKind, Transfer } from '@dotskit/api/wire';
import { type DotsWidgetError, toWidgetError } from './errors';
import { useFollowLink } from './follow-link';
import { useDots } from './provider';
import { useEffect, useRef, useState } from './react-hooks';
import { type PayoutStatusTone, type ResourceStatus, statusOf, toneOf } from './status-model';
import { resourceKey, useResource } from './store';
import { watchResource } from './watch';

/** Which resource to follow: exactly one id. */
export type PayoutStatusTarget =
  | { payoutLinkId: string; transferId?: never; flowId?: never; payoutBatchId?: never }
  | { transferId: string; payoutLinkId?: never; flowId?: never; payoutBatchId?: never }
  | { flowId: string; payoutLinkId?: never; transferId?: never; payoutBatchId?: never }
  | { payoutBatchId: string; payoutLinkId?: never; transferId?: never; flowId?: never };

/** Options of {@link usePayoutStatus}. */
export type UsePayoutStatusOptions = PayoutStatusTarget & {
  /** Once per distinct `resourceStatus`, in order (the first one included). */
  onChange?: (resourceStatus: ResourceStatus, resource: ResourceByKind[ResourceKind]) => void;
  /** Once per failure to load. */
  onError?: (error: DotsWidgetError) => void;
};

/** What {@link usePayoutStatus} returns. */
export interface PayoutStatusValue {
  /**
   * The hook's own state, as every hook's `status`: `loading` until the resource is
   * first read, then `ready`; `error` when that first read failed.
   */
  status: 'loading' | 'ready' | 'error';
  kind: ResourceKind;
  resource?: ResourceByKind[ResourceKind];
  /** A payout link's transfer, once the link names it (followed too). */
  transfer?: Transfer;
  /**
   * The resource's status, once read (see {@link ResourceStatus}): its Dots status
   * (`claimed`, `completed`, …); for a flow `in_progress` / `completed`; for a payout
   * link `paid_out` once its transfer completed, or the transfer's failure status.
   */
  resourceStatus?: ResourceStatus;
  tone: PayoutStatusTone;
  /** True once the status cannot change any more (polling stops). */
  terminal: boolean;
  error?: DotsWidgetError;
  retry: () => void;
}

const targetOf = (o: PayoutStatusTarget): [ResourceKind, string | undefined] =>
  o.payoutLinkId
    ? ['payout_link', o.payoutLinkId]
    : o.transferId
      ? ['transfer', o.transferId]
      : o.flowId
        ? ['flow', o.flowId]
        : ['payout_batch', o.payoutBatchId];

/**
 * Follows one payout link, transfer, flow or payout batch live (shared event stream plus
 * polling with backoff, paused while the tab is hidden) until its status is final; a
 * payout link is followed to its transfer (final: paid out, or failed). Never throws:
 * failures give `status: 'error'` with `retry()`.
 */
export function usePayoutStatus(options: UsePayoutStatusOptions): PayoutStatusValue {
  const { rt } = useDots('usePayoutStatus');
  const cb = useRef(options);
  cb.current = options;
  const [kind, id] = targetOf(options);
  if (!id)
    throw new TypeError(
      '[dotskit] usePayoutStatus needs one of payoutLinkId, transferId, flowId or payoutBatchId.',
    );
  const [s, setS] = useState<{ retries: number; error?: DotsWidgetError }>({ retries: 0 });
  const erred = useRef(false);
  const resource = useResource(rt, kind, id);
  const onError = (err: unknown) => {
    if (rt.store.getState().resources[resourceKey(kind, id)] || erred.current) return;
    erred.current = true;
    const error = toWidgetError(err);
    setS((p) => ({ ...p, error }));
    cb.current.onError?.(error);
  };
  const isLink = kind === 'payout_link';
  // A link (and then its transfer) has its own follower.
  const { transfer } = useFollowLink(rt, isLink ? id : undefined, onError, s.retries);
  const resourceStatus = resource && statusOf(kind, resource, transfer);
  const tone = resourceStatus ? toneOf(resourceStatus) : 'pending';
  const terminal = tone === 'success' || tone === 'failure';

  // biome-ignore lint/correctness/useExhaustiveDependencies: s.retries re-runs it on retry
  useEffect(() => {
    if (terminal || isLink) return;
    return watchResource(rt, kind, id, {
      done: (r) => ['success', 'failure'].includes(toneOf(statusOf(kind, r))),
      onError,
    }).stop;
  }, [rt, kind, id, terminal, s.retries]);

  const last = useRef<ResourceStatus>(undefined);
  useEffect(() => {
    if (resourceStatus && resource && resourceStatus !== last.current) {
      last.current = resourceStatus;
      cb.current.onChange?.(resourceStatus, resource);
    }
  }, [resourceStatus, resource]);

  return {
    status: resource ? 'ready' : s.error ? 'error' : 'loading',
    kind,
    resource,
    transfer,
    resourceStatus,
    tone,
    terminal,
    error: resource ? undefined : s.error,
    retry: () => {
      erred.current = false;
      setS((p) => ({ retries: p.retries + 1 }));
    },
  };
}
