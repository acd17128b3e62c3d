import type { BrokerDotsClient, DotsCallOptions, DotsResource } from './dots-client';
import { BrokerError } from './errors';
import {
  freshIdempotencyKey,
  hashRequest,
  type IdempotentResult,
  type RunIdempotent,
  upstreamIdempotencyKey,
} from './idempotency';
import type { BrokerMetrics } from './metrics';
import type { OwnerLookup } from './owner-cache';
import type { Publisher } from './publisher';
import type { BrokerStore, ResourceKind } from './store/types';
import type { Principal } from './types';
import { mapUpstreamError } from './upstream-errors';

/** Options of a server-side call made for a principal. */
export interface BrokerCallOptions {
  /** The end user's IP, forwarded as `Dots-User-IP`. */
  userIp?: string;
  /** Idempotency key (any string); a body `idempotency_key` is used when this is absent. Default: a fresh key. */
  idempotencyKey?: string;
  /** Aborts the upstream call. */
  signal?: AbortSignal;
}

type ResourceName = 'flows' | 'payoutLinks' | 'transfers' | 'payouts' | 'payoutBatches' | 'users';
type Body = Record<string, unknown>;

/** What the operations need from the broker. */
export interface OperationsContext {
  client: BrokerDotsClient;
  store: BrokerStore;
  /** Owner reads (cached). */
  owners: OwnerLookup;
  metrics: BrokerMetrics;
  runIdempotent: RunIdempotent;
  publisher: Publisher;
  /** Called after a payout batch is created, to follow it until it completes. */
  watchBatch(owner: string, batch: DotsResource): Promise<void>;
  /** Awaited before any store access. */
  ready(): Promise<void>;
}

const kinds: Record<ResourceName, ResourceKind> = {
  flows: 'flow',
  payoutLinks: 'payout_link',
  transfers: 'transfer',
  payouts: 'transfer',
  payoutBatches: 'payout_batch',
  users: 'user',
};

/** The sub of a principal given as an object or as its `sub`. */
export function subOf(principal: Principal | string): string {
  const sub = typeof principal === 'string' ? principal : principal?.sub;
  if (typeof sub !== 'string' || sub.length === 0) {
    throw new TypeError(
      '@dotskit/broker: pass a principal ({ sub, scopes }) or a non-empty sub string',
    );
  }
  return sub;
}

function asResource(value: unknown, operation: string): DotsResource {
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string')
    return value as DotsResource;
  throw Object.assign(
    new BrokerError('upstream_error', `Dots answered ${operation} without an id.`),
    { cause: value },
  );
}

/** Throws 403 `limit_exceeded` when `cents` is above the principal's `maxPayoutCents`. */
export function checkPayoutLimit(principal: Principal | string, cents: number): void {
  if (typeof principal === 'string' || principal.maxPayoutCents === undefined) return;
  if (Math.abs(cents) > principal.maxPayoutCents) {
    throw new BrokerError(
      'limit_exceeded',
      `The amount exceeds this user's limit of ${principal.maxPayoutCents} cents.`,
      {
        max_payout_cents: principal.maxPayoutCents,
        amount: cents,
      },
    );
  }
}

/** The broker's owner-recording, idempotent calls to Dots, shared by the routes and the server-side API. */
export function createOperations(ctx: OperationsContext) {
  const { client, store, metrics, runIdempotent, publisher } = ctx;

  const call = async (operation: string, fn: () => Promise<unknown>): Promise<DotsResource> => {
    try {
      return asResource(await metrics.timeUpstream(operation, fn), operation);
    } catch (err) {
      throw mapUpstreamError(err);
    }
  };

  const afterCreate = async (name: ResourceName, owner: string, resource: DotsResource) => {
    if (name === 'flows') await publisher.publishFlow(owner, resource);
    else if (name === 'payoutLinks') {
      await publisher.adoptRelated(owner, resource);
      await publisher.publish(owner, 'payout_link.updated', resource);
    } else if (name === 'transfers' || name === 'payouts')
      await publisher.publish(owner, 'transfer.updated', resource);
    else if (name === 'payoutBatches') {
      await publisher.publish(owner, 'payout_batch.updated', resource);
      await ctx.watchBatch(owner, resource);
    } else if (name === 'users')
      await publisher.linkFlowUser(owner, { id: resource.id, user_id: resource.id });
  };

  /**
   * Creates a resource for `principal`: idempotent, owner recorded, event published.
   * `requestHash` (default: hash of `body` without its key) identifies "the same request".
   */
  const create = async (
    name: ResourceName,
    principal: Principal | string,
    body: Body,
    options: BrokerCallOptions = {},
    requestHash?: string,
  ): Promise<IdempotentResult> => {
    await ctx.ready();
    const owner = subOf(principal);
    const { idempotency_key: bodyKey, ...payload } = body;
    const clientKey = options.idempotencyKey ?? (typeof bodyKey === 'string' ? bodyKey : undefined);
    const scopedKey = `${owner}:${name}:${clientKey ?? freshIdempotencyKey()}`;
    const result = await runIdempotent(scopedKey, requestHash ?? hashRequest(payload), async () => {
      const callOptions: DotsCallOptions = { idempotencyKey: upstreamIdempotencyKey(scopedKey) };
      if (options.userIp) callOptions.userIp = options.userIp;
      if (options.signal) callOptions.signal = options.signal;
      const resource = await call(`${name}.create`, () =>
        client[name].create(payload as never, callOptions),
      );
      await store.recordOwner(kinds[name], resource.id, owner);
      await afterCreate(name, owner, resource);
      return { status: 201, body: resource };
    });
    return result;
  };

  /** Retrieves a resource the principal owns; anything else is a 404 (without asking Dots). */
  const retrieve = async (
    name: Exclude<ResourceName, 'payouts'>,
    principal: Principal | string,
    id: string,
    options: BrokerCallOptions = {},
  ): Promise<DotsResource> => {
    await ctx.ready();
    const owner = subOf(principal);
    if ((await ctx.owners.get(kinds[name], id)) !== owner)
      throw new BrokerError('not_found', 'Not found.');
    const callOptions: DotsCallOptions = {};
    if (options.userIp) callOptions.userIp = options.userIp;
    if (options.signal) callOptions.signal = options.signal;
    return call(`${name}.retrieve`, () => client[name].retrieve(id, callOptions));
  };

  return { create, retrieve, call };
}

/** The operations object. */
export type Operations = ReturnType<typeof createOperations>;
