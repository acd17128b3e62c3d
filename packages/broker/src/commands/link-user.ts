import { z } from 'zod';
import { linkConflictError } from '../identity/identity';
import { parseInput } from '../schemas';
import type { Principal } from '../types';
import type { CommandContext } from './context';
import { assertPrincipal } from './pipeline';

const dotsUserIdSchema = z.object({ dots_user_id: z.string().min(1).max(128) });

/** Options of `broker.users.link`. */
export interface LinkUserOptions {
  /** Replace a link to another Dots user (otherwise that is a 409 `user_link_conflict`). Default: false. */
  replace?: boolean;
}

/**
 * `linkUser` (server-side only): the host states which Dots user a principal is. Linking
 * the same user again is a no-op; another existing link is a 409 unless `replace` is set.
 */
export async function linkUser(
  ctx: CommandContext,
  principal: Principal,
  dotsUserId: string,
  options: LinkUserOptions = {},
): Promise<void> {
  assertPrincipal(principal);
  parseInput(dotsUserIdSchema, { dots_user_id: dotsUserId });
  await ctx.ready();
  const outcome = await ctx.identity.link(principal.sub, dotsUserId, 'host', options.replace);
  if (outcome === 'conflict')
    throw linkConflictError((await ctx.store.getLinkedUser(principal.sub)) ?? '');
}
