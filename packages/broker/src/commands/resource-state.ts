import type { DotsResource } from '../dots-client';
import type { NewResourceState } from '../store/commit-port';
import type { ResourceKind } from '../store/ports';
import type { CommandContext } from './context';

/** Kinds whose latest state the broker keeps for their owner's lists. */
type ListedKind = Extract<ResourceKind, 'transfer' | 'payout_link'>;

/**
 * A transfer's or payout link's latest state for its owner's lists (`GET /transfers`,
 * `GET /payout-links`): its `status` (`unknown` when it has none) and the resource.
 */
export function stateOf(kind: ListedKind, owner: string, resource: DotsResource): NewResourceState {
  const status = typeof resource.status === 'string' ? resource.status : 'unknown';
  return { kind, id: resource.id, owner, status, data: resource };
}

/** Stores `stateOf(kind, owner, resource)` (outside a create: a webhook's newer state). */
export async function saveState(
  ctx: Pick<CommandContext, 'store'>,
  kind: ListedKind,
  owner: string,
  resource: DotsResource,
): Promise<void> {
  const s = stateOf(kind, owner, resource);
  await ctx.store.saveResourceState(s.kind, s.id, s.owner, s.status, s.data);
}
