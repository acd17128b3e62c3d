import type { DotsResource } from '../dots-client';
import type { CommandContext } from './context';

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined;

/**
 * Lets the creator of a payout link follow the resources it points at: its claim flow and
 * its transfer are recorded with relation `follower` (readable, published to the creator's
 * stream as status only, never a source of identity). A first record wins, so a resource
 * already owned by someone stays theirs.
 */
export async function recordFollowed(
  ctx: Pick<CommandContext, 'store'>,
  owner: string,
  link: DotsResource,
): Promise<void> {
  const flowId = str(link.flow_id);
  const transferId = str(link.transfer_id);
  if (flowId) await ctx.store.recordOwner('flow', flowId, owner, 'follower');
  if (transferId) await ctx.store.recordOwner('transfer', transferId, owner, 'follower');
}
