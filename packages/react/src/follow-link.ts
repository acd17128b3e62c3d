import type { PayoutLink, Transfer } from '@dotskit/api/wire';
import { useEffect } from './react-hooks';
import { linkDone, transferDone } from './status-model';
import { type DotsRuntime, useResource } from './store';
import { watchResource } from './watch';

/**
 * Follows a payout link live until it is done (failed, or claimed and naming its
 * transfer), then its transfer until that is done. Nothing without an id. `onError` gets
 * failures to load the link (see `watchResource`); a new `restart` value follows the
 * link again at once (a retry).
 */
export function useFollowLink(
  rt: DotsRuntime,
  id: string | undefined,
  onError?: (err: unknown) => void,
  restart?: number,
): { link?: PayoutLink; transfer?: Transfer } {
  const link = useResource(rt, 'payout_link', id);
  const tid = link?.transfer_id;
  const transfer = useResource(rt, 'transfer', tid);
  const isLinkDone = !!link && linkDone(link);
  // A link that ended unclaimed (expired, canceled, …) pays nothing: its reserved transfer
  // (named from creation, as Dots does) is not followed either.
  const isTransferDone =
    (!!transfer && transferDone(transfer)) || (isLinkDone && link.status !== 'claimed');
  // biome-ignore lint/correctness/useExhaustiveDependencies: onError is read when it fires; restart re-runs it
  useEffect(() => {
    if (!id || isLinkDone) return;
    return watchResource(rt, 'payout_link', id, { done: linkDone, onError }).stop;
  }, [rt, id, isLinkDone, restart]);
  useEffect(() => {
    if (!tid || isTransferDone) return;
    return watchResource(rt, 'transfer', tid, { done: transferDone }).stop;
  }, [rt, tid, isTransferDone]);
  return { link, transfer };
}
