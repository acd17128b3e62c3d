import type { Caller, CommandContext } from '../commands/context';
import { createFlow } from '../commands/create-flow';
import { createPayoutLink } from '../commands/create-payout-link';
import { type ListQuery, listResources } from '../commands/list';
import { type CreateCommand, runCreate } from '../commands/pipeline';
import { type ReadableResource, readResource } from '../commands/read';
import { readWallet } from '../commands/read-wallet';
import type { BrokerScope } from '../types';

/** What a route answers: a status, a JSON body and extra headers. */
export interface RouteResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** One browser-facing API route, the same for every HTTP adapter. */
export interface ApiRoute {
  method: 'GET' | 'POST';
  /** Express-style path, `:id` for the one path parameter. */
  path: string;
  /** The scope the principal needs. */
  scope: BrokerScope;
  handle(
    ctx: CommandContext,
    caller: Caller,
    input: { body?: unknown; id?: string; query?: ListQuery },
  ): Promise<RouteResult>;
}

const create = (path: string, scope: BrokerScope, command: CreateCommand): ApiRoute => ({
  method: 'POST',
  path,
  scope,
  async handle(ctx, caller, { body }) {
    const result = await runCreate(ctx, command, caller, body);
    return {
      status: result.status,
      body: result.body,
      headers: { 'Idempotent-Replayed': String(result.replayed) },
    };
  },
});

const read = (path: string, scope: BrokerScope, name: ReadableResource): ApiRoute => ({
  method: 'GET',
  path: `${path}/:id`,
  scope,
  handle: async (ctx, caller, { id }) => ({
    status: 200,
    body: await readResource(ctx, name, caller, id),
  }),
});

const list = (path: string, scope: BrokerScope, name: 'transfers' | 'payoutLinks'): ApiRoute => ({
  method: 'GET',
  path,
  scope,
  handle: async (ctx, caller, { query }) => ({
    status: 200,
    body: await listResources(ctx, name, caller, query ?? {}),
  }),
});

/** The browser-facing resource routes (besides `GET /events`), each a thin call of a command. */
export const apiRoutes: readonly ApiRoute[] = [
  create('/flows', 'flows:write', createFlow),
  read('/flows', 'flows:read', 'flows'),
  create('/payout-links', 'payout_links:write', createPayoutLink),
  read('/payout-links', 'payout_links:read', 'payoutLinks'),
  list('/transfers', 'payouts:read', 'transfers'),
  list('/payout-links', 'payout_links:read', 'payoutLinks'),
  {
    method: 'GET',
    path: '/wallet',
    scope: 'payouts:read',
    handle: async (ctx, caller) => ({ status: 200, body: await readWallet(ctx, caller) }),
  },
  read('/transfers', 'payouts:read', 'transfers'),
  read('/payout-batches', 'payouts:read', 'payoutBatches'),
];
