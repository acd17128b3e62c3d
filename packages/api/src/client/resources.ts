import { z } from 'zod';
import { appSchema } from '../schemas/app';
import { type DotsPage, type ListParams, pageSchema } from '../schemas/common';
import { flowSchema } from '../schemas/flow';
import { payoutBatchResultSchema, payoutBatchSchema } from '../schemas/payout-batch';
import { payoutLinkSchema, redeliverPayoutLinkResultSchema } from '../schemas/payout-link';
import { transactionSchema } from '../schemas/transaction';
import { transactionWithTransferSchema, transferSchema } from '../schemas/transfer';
import { userSchema } from '../schemas/user';
import type { Transport } from './http';
import { paginate } from './paginate';
import type { DotsClient, DotsQuery, DotsRequestOptions, TransactionListParams } from './types';
import { callOptions, createUserActions, idPath } from './user-resources';

/**
 * Adds the idempotency key to a creating call's body: the caller's
 * `options.idempotencyKey`, else the body's `idempotency_key`, else a fresh UUID. The
 * same body object is sent on every retry, so the key is stable across retries.
 */
function withIdempotencyKey<B extends { idempotency_key?: string | null }>(
  body: B,
  options: DotsRequestOptions | undefined,
): B & { idempotency_key: string } {
  const fromOptions = options?.idempotencyKey;
  const fromBody = body.idempotency_key ?? undefined;
  if (fromOptions !== undefined && fromBody !== undefined && fromOptions !== fromBody) {
    throw new TypeError(
      '[dotskit] idempotencyKey option and body.idempotency_key differ: pass only one.',
    );
  }
  return { ...body, idempotency_key: fromOptions ?? fromBody ?? crypto.randomUUID() };
}

/** Builds every resource of the client over a transport. */
export function createResources(
  request: Transport,
): Omit<DotsClient, 'request' | 'baseUrl' | 'toJSON'> {
  function listable<T extends { id?: string | number | null }, P extends ListParams>(
    path: string,
    item: z.ZodType<T>,
  ) {
    const schema = pageSchema(item) as unknown as z.ZodType<DotsPage<T>>;
    const list = (params?: P, options?: DotsRequestOptions) =>
      request('GET', path, {
        ...callOptions(options),
        query: params as DotsQuery | undefined,
        schema,
      });
    return {
      list,
      iterate: (params?: P, options?: DotsRequestOptions): AsyncIterable<T> =>
        paginate((p: P) => list(p, options), (params ?? {}) as P),
    };
  }

  function create<B extends { idempotency_key?: string | null }, T>(
    path: string,
    schema: z.ZodType<T>,
  ) {
    return async (body: B, options?: DotsRequestOptions) =>
      request('POST', path, {
        ...callOptions(options),
        body: withIdempotencyKey(body, options),
        schema,
      });
  }

  function retrieve<T>(base: string, schema: z.ZodType<T>) {
    return async (id: string, options?: DotsRequestOptions) =>
      request('GET', idPath(base, id), { ...options, schema });
  }

  // Dots' `GET /v2/apps` answers a bare array (v2.yaml); it is read as one page.
  const appPage = z
    .union([pageSchema(appSchema), z.array(appSchema)])
    .transform((v) => (Array.isArray(v) ? { data: v, has_more: false } : v));
  const listApps = (params?: ListParams, options?: DotsRequestOptions) =>
    request('GET', '/v2/apps', { ...callOptions(options), query: params, schema: appPage });

  return {
    users: {
      ...listable('/v2/users', userSchema),
      create: create('/v2/users', userSchema),
      retrieve: retrieve('/v2/users', userSchema),
      update: async (userId, body, options) =>
        request('PATCH', idPath('/v2/users', userId), {
          ...callOptions(options),
          body,
          schema: userSchema,
        }),
      ...createUserActions(request),
    },
    flows: {
      ...listable('/v2/flows', flowSchema),
      create: create('/v2/flows', flowSchema),
      retrieve: retrieve('/v2/flows', flowSchema),
    },
    payoutLinks: {
      ...listable('/v2/payout-links', payoutLinkSchema),
      create: create('/v2/payout-links', payoutLinkSchema),
      retrieve: retrieve('/v2/payout-links', payoutLinkSchema),
      cancel: async (id, options) =>
        request('DELETE', idPath('/v2/payout-links', id), {
          ...callOptions(options),
          schema: payoutLinkSchema,
        }),
      redeliver: async (id, options) =>
        request('POST', idPath('/v2/payout-links', id, '/redeliver'), {
          ...callOptions(options),
          schema: redeliverPayoutLinkResultSchema,
        }),
    },
    transfers: {
      ...listable('/v2/transfers', transferSchema),
      create: create('/v2/transfers', transferSchema),
      retrieve: retrieve('/v2/transfers', transferSchema),
    },
    payouts: {
      create: create('/v2/payouts', transferSchema),
      send: create('/v2/payouts/send-payout', payoutLinkSchema),
    },
    transactions: {
      ...listable<z.infer<typeof transactionWithTransferSchema>, TransactionListParams>(
        '/v2/transactions',
        transactionWithTransferSchema,
      ),
      retrieve: async (id, options) =>
        request('GET', idPath('/v2/transactions', String(id)), {
          ...callOptions(options),
          schema: transactionSchema,
        }),
    },
    payoutBatches: {
      ...listable('/v2/payout-batches', payoutBatchSchema),
      create: create('/v2/payout-batches', payoutBatchSchema),
      retrieve: retrieve('/v2/payout-batches', payoutBatchSchema),
      results: async (id, params, options) =>
        request('GET', idPath('/v2/payout-batches', id, '/results'), {
          ...callOptions(options),
          query: params,
          schema: payoutBatchResultSchema,
        }),
    },
    apps: {
      list: listApps,
      iterate: (params, options) => paginate((p: ListParams) => listApps(p, options), params ?? {}),
      create: create('/v2/apps', appSchema),
      retrieve: retrieve('/v2/apps', appSchema),
    },
  };
}
