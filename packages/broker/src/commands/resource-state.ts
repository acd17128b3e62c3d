import type { DotsResource } from '../dots-client';
import type { ResourceKind } from '../store/ports';
import type { CommandContext } from './context';

/**
 * Stores a transfer's or payout link's latest state for its owner's lists (`GET /transfers`,
 * `GET /payout-links`), as creates and webhooks learn it.
 */
export async function saveState(
  ctx: Pick<CommandContext, 'store'>,
  kind: Extract<ResourceKind, 'transfer' | 'payout_link'>,
  owner: string,
  resource: DotsResource,
): Promise<void> {
  const status = typeof resource.status === 'string' ? resource.status : 'unknown';
  await ctx.store.saveResourceState(kind, resource.id, owner, status, resource);
}
