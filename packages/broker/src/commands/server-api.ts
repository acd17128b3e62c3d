import type {
  CreateFlowBody,
  CreatePayoutBatchBody,
  CreatePayoutBody,
  CreatePayoutLinkBody,
  CreateTransferBody,
  CreateUserBody,
  Flow,
  PayoutBatch,
  PayoutLink,
  Transfer,
  User,
} from '@dotskit/api';
import type { Principal } from '../types';
import type { CommandContext } from './context';
import { createFlow } from './create-flow';
import { createPayoutBatch, withItemKeys } from './create-payout-batch';
import { createPayoutLink } from './create-payout-link';
import { createPayout, createTransfer } from './create-transfer';
import { createUser } from './create-user';
import { type LinkUserOptions, linkUser } from './link-user';
import { listResources } from './list';
import { type CreateCommand, runCreate } from './pipeline';
import { type ReadableResource, readResource } from './read';
import { readWallet, type WalletBalance } from './read-wallet';

/** Options of a server-side call made for a principal. */
export interface BrokerCallOptions {
  /** The end user's IP, forwarded as `Dots-User-IP`. */
  userIp?: string;
  /** Idempotency key (any printable string); a body `idempotency_key` is used when this is absent. Default: a fresh key. */
  idempotencyKey?: string;
  /** Aborts the upstream call. */
  signal?: AbortSignal;
}

/** A body as the client accepts it, with an `idempotency_key` of any string. */
type WithKey<T> = Omit<T, 'idempotency_key'> & { idempotency_key?: string | null };

/** Server-side calls for one Dots resource, made on behalf of a principal. */
export interface BrokerResourceApi<TBody, TResource> {
  /**
   * Creates the resource in Dots for `principal` (a full principal object: its
   * `maxPayoutCents`, when set, caps the amounts): validated, idempotent (by
   * `options.idempotencyKey` or the body's `idempotency_key`), owner recorded, event
   * published to the principal's stream.
   */
  create(
    principal: Principal,
    body: WithKey<TBody>,
    options?: BrokerCallOptions,
  ): Promise<TResource>;
  /** Fetches a resource `principal` owns or follows; throws a 404 BrokerError for anything else. Writes nothing. */
  retrieve(principal: Principal, id: string, options?: BrokerCallOptions): Promise<TResource>;
}

/** A page of a principal's list, as `GET /transfers` and `GET /payout-links` answer. */
export interface BrokerListPage<T> {
  data: T[];
  has_more: boolean;
}

/** Query of a list: `limit` 1–100 (default 20), `starting_after` (last id of the previous page), `status`. */
export interface BrokerListQuery {
  limit?: number;
  starting_after?: string;
  status?: string;
}

/** A principal's own resources, newest first, from the broker's records; writes nothing. */
export interface BrokerListApi<T> {
  list(principal: Principal, query?: BrokerListQuery): Promise<BrokerListPage<T>>;
}

/** The server-side API `createBroker` returns beside the router: the broker's commands. */
export interface BrokerServerApi {
  flows: BrokerResourceApi<CreateFlowBody, Flow>;
  payoutLinks: BrokerResourceApi<CreatePayoutLinkBody, PayoutLink> & BrokerListApi<PayoutLink>;
  transfers: BrokerResourceApi<CreateTransferBody, Transfer> & BrokerListApi<Transfer>;
  /** A payout is a transfer; retrieve it with `transfers.retrieve`. */
  payouts: Pick<BrokerResourceApi<CreatePayoutBody, Transfer>, 'create'>;
  /** Batch items without an `idempotency_key` get one derived from the batch key. */
  payoutBatches: BrokerResourceApi<CreatePayoutBatchBody, PayoutBatch>;
  /** Creating a user links it to the principal (unless the principal is linked to another). */
  users: BrokerResourceApi<CreateUserBody, User> & {
    /**
     * States which Dots user a principal is: links it (`onUserLinked` fires once), or
     * changes nothing when already linked to it; a link to another user is a 409
     * `user_link_conflict` unless `{ replace: true }`.
     */
    link(principal: Principal, dotsUserId: string, options?: LinkUserOptions): Promise<void>;
    /** The wallet of the principal's linked Dots user; 404 `no_linked_user` without one. */
    wallet(principal: Principal): Promise<WalletBalance>;
  };
}

/** Builds the server-side API over the commands. */
export function createServerApi(ctx: CommandContext): BrokerServerApi {
  const create =
    <TResource>(
      command: CreateCommand,
      shape?: (p: Principal, b: unknown, key?: string) => unknown,
    ) =>
    async (principal: Principal, body: unknown, options: BrokerCallOptions = {}) => {
      const input = shape ? shape(principal, body, options.idempotencyKey) : body;
      const caller = { principal, via: 'server' as const, ...options };
      return (await runCreate(ctx, command, caller, input)).body as TResource;
    };
  const list =
    <T>(name: 'transfers' | 'payoutLinks') =>
    async (principal: Principal, query: BrokerListQuery = {}) => {
      const params = Object.fromEntries(
        Object.entries(query)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      );
      return (await listResources(
        ctx,
        name,
        { principal, via: 'server' },
        params,
      )) as BrokerListPage<T>;
    };
  const retrieve =
    <TResource>(name: ReadableResource) =>
    async (principal: Principal, id: string, options: BrokerCallOptions = {}) =>
      (await readResource(
        ctx,
        name,
        { principal, via: 'server', ...options },
        id,
      )) as unknown as TResource;

  return {
    flows: { create: create<Flow>(createFlow), retrieve: retrieve<Flow>('flows') },
    payoutLinks: {
      create: create<PayoutLink>(createPayoutLink),
      retrieve: retrieve<PayoutLink>('payoutLinks'),
      list: list<PayoutLink>('payoutLinks'),
    },
    transfers: {
      create: create<Transfer>(createTransfer),
      retrieve: retrieve<Transfer>('transfers'),
      list: list<Transfer>('transfers'),
    },
    payouts: { create: create<Transfer>(createPayout) },
    payoutBatches: {
      create: create<PayoutBatch>(createPayoutBatch, withItemKeys),
      retrieve: retrieve<PayoutBatch>('payoutBatches'),
    },
    users: {
      create: create<User>(createUser),
      retrieve: retrieve<User>('users'),
      link: (principal, dotsUserId, options) => linkUser(ctx, principal, dotsUserId, options),
      wallet: (principal) => readWallet(ctx, { principal, via: 'server' }),
    },
  };
}
