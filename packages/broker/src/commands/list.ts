import { PAYOUT_LINK_STATUSES, TRANSFER_STATUSES } from '@dotskit/api/wire';
import { z } from 'zod';
import { rethrowTyped } from '../errors';
import { parseInput, resourceIdSchema } from '../schemas';
import type { Caller, CommandContext } from './context';
import { assertPrincipal } from './pipeline';

// `paid_out` is not in v2.yaml's list, but links reach it (`payout_link.paid_out`).
const LINK_STATUSES = [...PAYOUT_LINK_STATUSES, 'paid_out'] as const;

const listQuery = (statuses: readonly [string, ...string[]]) =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    starting_after: resourceIdSchema.optional(),
    status: z.enum(statuses).optional(),
  });

const lists = {
  transfers: { kind: 'transfer', query: listQuery(TRANSFER_STATUSES) },
  payoutLinks: { kind: 'payout_link', query: listQuery(LINK_STATUSES) },
} as const;

/** A page of a list, as the broker answers it. */
export interface ListPage {
  data: unknown[];
  has_more: boolean;
}

/** Query parameters of a list request: each name at most once (a repeated one is a 400). */
export type ListQuery = Record<string, string | string[]>;

/**
 * `listTransfers` / `listPayoutLinks`: the principal's own resources, newest first, from
 * the broker's records (kept current by creates and webhooks): `limit` (1–100, default
 * 20), `starting_after` (last id of the previous page), `status`. Writes nothing.
 */
export async function listResources(
  ctx: CommandContext,
  name: keyof typeof lists,
  caller: Caller,
  query: ListQuery,
): Promise<ListPage> {
  assertPrincipal(caller.principal);
  const { kind, query: schema } = lists[name];
  const parsed = parseInput(schema, query);
  const page = await ctx
    .ready()
    .then(() =>
      ctx.store.listResourceStates(kind, caller.principal.sub, {
        limit: parsed.limit,
        ...(parsed.starting_after ? { startingAfter: parsed.starting_after } : {}),
        ...(parsed.status ? { status: parsed.status } : {}),
      }),
    )
    .catch(rethrowTyped);
  return { data: page.items, has_more: page.hasMore };
}
