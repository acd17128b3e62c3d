import type { DotsResource } from '../dots-client';
import type { NewOwnership } from '../store/commit-port';
import type { CommandContext } from './context';

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined;

/**
 * What the creator of a payout link follows: its claim flow and its transfer, with relation
 * `follower` (readable, published to the creator's stream as status only, never a source
 * of identity). A first record wins, so a resource already owned by someone stays theirs.
 */
export function followedBy(owner: string, link: DotsResource): NewOwnership[] {
  const followed: NewOwnership[] = [];
  const flowId = str(link.flow_id);
  const transferId = str(link.transfer_id);
  if (flowId) followed.push({ kind: 'flow', id: flowId, owner, relation: 'follower' });
  if (transferId) followed.push({ kind: 'transfer', id: transferId, owner, relation: 'follower' });
  return followed;
}

/** Records `followedBy(owner, link)` (outside a create: a webhook's newer link). */
export async function recordFollowed(
  ctx: Pick<CommandContext, 'store'>,
  owner: string,
  link: DotsResource,
): Promise<void> {
  for (const f of followedBy(owner, link))
    await ctx.store.recordOwner(f.kind, f.id, f.owner, f.relation);
}
