import { randomUUID } from 'node:crypto';
import {
  type CreateFlowBody,
  type CreatePayoutBatchBody,
  type CreatePayoutBody,
  type CreatePayoutLinkBody,
  type CreateTransferBody,
  type CreateUserBody,
  createFlowBodySchema,
  createPayoutBatchBodySchema,
  createPayoutBodySchema,
  createPayoutLinkBodySchema,
  createTransferBodySchema,
  createUserBodySchema,
  type Flow,
  type PayoutBatch,
  type PayoutLink,
  type Transfer,
  type User,
} from '@dotskit/api';
import type { z } from 'zod';
import { BrokerError, storeUnavailable } from './errors';
import { hashRequest, upstreamIdempotencyKey } from './idempotency';
import { type BrokerCallOptions, checkPayoutLimit, type Operations, subOf } from './operations';
import { parseInput } from './schemas';
import type { BrokerStore } from './store/types';
import { isStoreUnavailable } from './store-errors';
import type { Principal } from './types';

/**
 * A body as the client accepts it, with an `idempotency_key` of any string, or `null` (no
 * key, as Dots' v2.yaml allows for transfers and payout links).
 */
type WithKey<T> = Omit<T, 'idempotency_key'> & { idempotency_key?: string | null };

/** Server-side calls for one Dots resource, made on behalf of a principal. */
export interface BrokerResourceApi<TBody, TResource> {
  /**
   * Creates the resource in Dots for `principal`: owner recorded, idempotent (by `options.idempotencyKey`
   * or the body's `idempotency_key`, any string), event published to their stream. Batch items
   * without an `idempotency_key` get one derived from the batch key.
   */
  create(
    principal: Principal | string,
    body: WithKey<TBody>,
    options?: BrokerCallOptions,
  ): Promise<TResource>;
  /** Fetches a resource `principal` owns; throws a 404 BrokerError for anything else. */
  retrieve(
    principal: Principal | string,
    id: string,
    options?: BrokerCallOptions,
  ): Promise<TResource>;
}

/** The server-side API `createBroker` returns beside the router. */
export interface BrokerServerApi {
  flows: BrokerResourceApi<CreateFlowBody, Flow>;
  payoutLinks: BrokerResourceApi<CreatePayoutLinkBody, PayoutLink>;
  transfers: BrokerResourceApi<CreateTransferBody, Transfer>;
  /** A payout is a transfer; retrieve it with `transfers.retrieve`. */
  payouts: Pick<BrokerResourceApi<CreatePayoutBody, Transfer>, 'create'>;
  payoutBatches: BrokerResourceApi<CreatePayoutBatchBody, PayoutBatch>;
  /** Creating a user links it to the principal (as a finished onboarding flow would). */
  users: BrokerResourceApi<CreateUserBody, User>;
}

/** Validates a host body; the broker's own keys (any string) are accepted, not only UUIDs. */
function validate<T extends z.ZodObject>(schema: T, body: unknown): Record<string, unknown> {
  const { idempotency_key: key, ...rest } = (body ?? {}) as Record<string, unknown>;
  const parsed = parseInput(schema, rest) as Record<string, unknown>;
  return key === undefined ? parsed : { ...parsed, idempotency_key: key };
}

/**
 * Fills missing per-item idempotency keys of a batch (Dots requires a UUID per item): derived
 * from the batch's own key when there is one, so that a retried batch sends the same keys.
 */
function withItemKeys(
  principal: Principal | string,
  body: unknown,
  options: BrokerCallOptions | undefined,
): unknown {
  const b = (body ?? {}) as { items?: unknown; idempotency_key?: unknown };
  if (!Array.isArray(b.items)) return body;
  const batchKey =
    options?.idempotencyKey ??
    (typeof b.idempotency_key === 'string' ? b.idempotency_key : undefined);
  const items = b.items.map((item: unknown, i) => {
    if (
      !item ||
      typeof item !== 'object' ||
      (item as { idempotency_key?: unknown }).idempotency_key !== undefined
    )
      return item;
    const key = batchKey
      ? upstreamIdempotencyKey(`${subOf(principal)}:payoutBatches:${batchKey}:item:${i}`)
      : randomUUID();
    return { ...item, idempotency_key: key };
  });
  return { ...b, items };
}

/**
 * Host code gets BrokerErrors only: a database that is down or restarting surfaces as
 * `store_unavailable` (status 503, retry later), like on the HTTP routes, not as a raw
 * driver error that a host would turn into a 500.
 */
async function typedStoreErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw err instanceof BrokerError || !isStoreUnavailable(err) ? err : storeUnavailable(err);
  }
}

/** The host's body without its `idempotency_key`, which names the request rather than being part of it. */
function withoutKey(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const { idempotency_key: _key, ...rest } = body as Record<string, unknown>;
  return rest;
}

/** Builds the server-side API over the operations. */
export function createServerApi(ops: Operations, store: BrokerStore): BrokerServerApi {
  const resource = <TBody, TResource>(
    name: 'flows' | 'payoutLinks' | 'transfers' | 'payoutBatches' | 'users',
    prepare: (
      principal: Principal | string,
      body: unknown,
      options?: BrokerCallOptions,
    ) => Promise<Record<string, unknown>>,
  ): BrokerResourceApi<TBody, TResource> => ({
    create: (principal, body, options) =>
      typedStoreErrors(async () => {
        // "The same request" is what the host sent, not what the broker added to it (a
        // linked Dots user may appear between a call and its retry).
        const result = await ops.create(
          name,
          principal,
          await prepare(principal, body, options),
          options,
          hashRequest(withoutKey(body)),
        );
        return result.body as TResource;
      }),
    retrieve: (principal, id, options) =>
      typedStoreErrors(
        async () => (await ops.retrieve(name, principal, id, options)) as unknown as TResource,
      ),
  });

  return {
    flows: resource('flows', async (principal, body) => {
      const parsed = validate(createFlowBodySchema, body);
      if (parsed.user_id === undefined) {
        const linked =
          (typeof principal === 'string' ? undefined : principal.dotsUserId) ??
          (await store.getLinkedUser(subOf(principal)));
        if (linked) parsed.user_id = linked;
      }
      return parsed;
    }),
    payoutLinks: resource('payoutLinks', async (principal, body) => {
      const parsed = validate(createPayoutLinkBodySchema, body);
      checkPayoutLimit(principal, parsed.amount as number);
      return parsed;
    }),
    transfers: resource('transfers', async (principal, body) => {
      const parsed = validate(createTransferBodySchema, body);
      checkPayoutLimit(principal, parsed.amount as number);
      return parsed;
    }),
    payouts: {
      create: (principal, body, options) =>
        typedStoreErrors(async () => {
          const parsed = validate(createPayoutBodySchema, body);
          checkPayoutLimit(principal, parsed.amount as number);
          return (await ops.create('payouts', principal, parsed, options)).body as Transfer;
        }),
    },
    payoutBatches: resource('payoutBatches', async (principal, body, options) => {
      const parsed = validate(createPayoutBatchBodySchema, withItemKeys(principal, body, options));
      for (const item of parsed.items as Array<{ amount: number }>)
        checkPayoutLimit(principal, item.amount);
      return parsed;
    }),
    users: resource('users', async (_principal, body) => validate(createUserBodySchema, body)),
  };
}
