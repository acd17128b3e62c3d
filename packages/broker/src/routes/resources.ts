import type { RequestHandler, Router } from 'express';
import { requireScope } from '../auth';
import { hashRequest } from '../idempotency';
import { checkPayoutLimit, type Operations } from '../operations';
import { clientIp } from '../proxy';
import type { Publisher } from '../publisher';
import {
  brokerFlowBodySchema,
  brokerPayoutLinkBodySchema,
  parseInput,
  resourceIdSchema,
} from '../schemas';
import type { BrokerStore } from '../store/types';
import type { BodyDefaults, BrokerScope, Principal } from '../types';

/** What the resource routes need. */
export interface ResourceRoutesContext {
  ops: Operations;
  store: BrokerStore;
  publisher: Publisher;
  /** Authentication and per-principal rate limit, in order. */
  auth: RequestHandler[];
  /** JSON body checks and parsing (for POST routes). */
  json: RequestHandler[];
  flowDefaults: BodyDefaults<Record<string, unknown>> | undefined;
  payoutLinkDefaults: BodyDefaults<Record<string, unknown>> | undefined;
}

/** Names the route for metrics and logs. */
export const route =
  (name: string): RequestHandler =>
  (_req, res, next) => {
    res.locals.route = name;
    next();
  };

type Body = Record<string, unknown>;

/** Applies server-side defaults: object values win over the client's, `metadata` objects merge. */
export async function applyDefaults(
  defaults: BodyDefaults<Body> | undefined,
  principal: Principal,
  body: Body,
): Promise<Body> {
  if (!defaults) return body;
  if (typeof defaults === 'function') return defaults(principal, body);
  const merged: Body = { ...body, ...defaults };
  const [mine, theirs] = [defaults.metadata, body.metadata];
  if (mine && theirs && typeof mine === 'object' && typeof theirs === 'object')
    merged.metadata = { ...theirs, ...mine };
  return merged;
}

/** POST /flows, GET /flows/:id, POST /payout-links, GET /payout-links/:id, GET /transfers/:id, GET /payout-batches/:id. */
export function resourceRoutes(router: Router, ctx: ResourceRoutesContext): void {
  const { ops, store, publisher, auth } = ctx;
  const guards = [...auth, ...ctx.json];
  const principalOf = (res: { locals: Record<string, unknown> }) =>
    res.locals.principal as Principal;

  router.post('/flows', route('POST /flows'), ...guards, async (req, res) => {
    const principal = principalOf(res);
    requireScope(principal, 'flows:write');
    const { idempotency_key: key, ...body } = parseInput(brokerFlowBodySchema, req.body);
    // "The same request" is the client's body, hashed before the broker adds to it: a
    // linked Dots user may appear between a call and its retry.
    const requestHash = hashRequest(body);
    const payload = { ...(await applyDefaults(ctx.flowDefaults, principal, body)) };
    const userId = principal.dotsUserId ?? (await store.getLinkedUser(principal.sub));
    if (userId) payload.user_id = userId;
    const result = await ops.create(
      'flows',
      principal,
      payload,
      { userIp: clientIp(req), idempotencyKey: key },
      requestHash,
    );
    res
      .status(result.status)
      .setHeader('Idempotent-Replayed', String(result.replayed))
      .json(result.body);
  });

  router.post('/payout-links', route('POST /payout-links'), ...guards, async (req, res) => {
    const principal = principalOf(res);
    requireScope(principal, 'payout_links:write');
    const { idempotency_key: key, ...body } = parseInput(brokerPayoutLinkBodySchema, req.body);
    const requestHash = hashRequest(body);
    const payload = await applyDefaults(ctx.payoutLinkDefaults, principal, body);
    checkPayoutLimit(principal, payload.amount as number);
    const result = await ops.create(
      'payoutLinks',
      principal,
      payload,
      { userIp: clientIp(req), idempotencyKey: key },
      requestHash,
    );
    res
      .status(result.status)
      .setHeader('Idempotent-Replayed', String(result.replayed))
      .json(result.body);
  });

  const readRoute = (
    path: string,
    name: 'flows' | 'payoutLinks' | 'transfers' | 'payoutBatches',
    scope: BrokerScope,
  ) => {
    router.get(`${path}/:id`, route(`GET ${path}/:id`), ...auth, async (req, res) => {
      const principal = principalOf(res);
      requireScope(principal, scope);
      const id = parseInput(resourceIdSchema, req.params.id);
      const resource = await ops.retrieve(name, principal, id, { userIp: clientIp(req) });
      if (name === 'flows') await publisher.linkFlowUser(principal.sub, resource);
      if (name === 'payoutLinks') await publisher.adoptRelated(principal.sub, resource);
      res.status(200).json(resource);
    });
  };
  readRoute('/flows', 'flows', 'flows:read');
  readRoute('/payout-links', 'payoutLinks', 'payout_links:read');
  readRoute('/transfers', 'transfers', 'payouts:read');
  readRoute('/payout-batches', 'payoutBatches', 'payouts:read');
}
