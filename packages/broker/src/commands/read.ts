import type { DotsResource } from '../dots-client';
import { BrokerError, rethrowTyped } from '../errors';
import { parseInput, resourceIdSchema } from '../schemas';
import type { ResourceKind } from '../store/ports';
import type { Caller, CommandContext } from './context';
import { assertPrincipal } from './pipeline';
import { callDots, callOptions } from './upstream';

/** Resources the broker reads for their owner (or a follower). */
export type ReadableResource = 'flows' | 'payoutLinks' | 'transfers' | 'payoutBatches' | 'users';

const kinds: Record<ReadableResource, ResourceKind> = {
  flows: 'flow',
  payoutLinks: 'payout_link',
  transfers: 'transfer',
  payoutBatches: 'payout_batch',
  users: 'user',
};

/**
 * Reads a resource for a principal it belongs to (as owner or follower); anything else is
 * a 404 without asking Dots. A read writes nothing: no link, no record, no event.
 */
export async function readResource(
  ctx: CommandContext,
  name: ReadableResource,
  caller: Caller,
  id: unknown,
): Promise<DotsResource> {
  assertPrincipal(caller.principal);
  const resourceId = parseInput(resourceIdSchema, id);
  const ownership = await ctx
    .ready()
    .then(() => ctx.owners.get(kinds[name], resourceId))
    .catch(rethrowTyped);
  if (ownership?.owner !== caller.principal.sub)
    throw new BrokerError({ code: 'not_found', message: 'Not found.' });
  return callDots(ctx, `${name}.retrieve`, () =>
    ctx.client[name].retrieve(resourceId, callOptions(caller)),
  );
}
