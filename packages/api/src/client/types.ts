import type { z } from 'zod';
import type { DotsHttpMethod } from '../errors';
import type { App, CreateAppBody } from '../schemas/app';
import type { DotsPage, ListParams } from '../schemas/common';
import type { CreateFlowBody } from '../schemas/flow';
import type { CreatePayoutBody, SendPayoutBody } from '../schemas/payout';
import type { CreatePayoutBatchBody, PayoutBatchResult } from '../schemas/payout-batch';
import type { CreatePayoutLinkBody, RedeliverPayoutLinkResult } from '../schemas/payout-link';
import type { CreateTransferBody, TransactionWithTransfer } from '../schemas/transfer';
import type { CreateUserBody, PaymentMethod, UpdateUserBody, User } from '../schemas/user';
import type {
  AddPayoutMethodBody,
  AddPayoutMethodResult,
  AddUserAddressBody,
  SendVerificationTokenBody,
  SubmitComplianceBody,
  VerifyUserBody,
} from '../schemas/user-actions';
import type { DotsEnvironment } from '../wire/environment';
import type {
  Flow,
  PayoutBatch,
  PayoutLink,
  Transaction,
  Transfer,
  TransferStatus,
  TransferType,
  UserStatus,
} from '../wire/resources';

/** Receives the client's log lines. Lines never contain credentials. */
export interface DotsLogger {
  /** One line per request attempt and response. */
  debug?(message: string, meta?: Record<string, unknown>): void;
  /** Retries and schema mismatches. */
  warn?(message: string, meta?: Record<string, unknown>): void;
}

/** Options of {@link createDotsClient}. Validated when the client is created. */
export interface DotsClientOptions {
  /** Dots client id (the user part of Basic auth). Required. */
  clientId: string;
  /** Dots API key (the secret). Required. Kept in a closure: never logged, thrown or serialised. */
  apiKey: string;
  /** `'sandbox'`, `'production'`, or `{ baseUrl }` (e.g. the local emulator's `http://127.0.0.1:4010/api`). */
  environment: DotsEnvironment;
  /** Sent as `Api-App-Id` on every request, for organisation keys acting on an app. Default: none. */
  appId?: string;
  /** Per-attempt timeout in milliseconds. Default `30000`. */
  timeoutMs?: number;
  /** Retries after the first attempt, for retryable requests only. Default `2`. */
  maxRetries?: number;
  /** First backoff delay in milliseconds (doubled per retry, with jitter). Default `500`. */
  retryBaseDelayMs?: number;
  /** Upper bound of any single retry delay, including `Retry-After`. Default `30000`. */
  retryMaxDelayMs?: number;
  /** The `fetch` to use. Default: `globalThis.fetch`. */
  fetch?: typeof fetch;
  /**
   * `true`: a response that fails its schema throws a `DotsError` with code `invalid_response`.
   * `false`: it is returned as received and a warning goes to `onWarning` (or
   * `console.warn`, prefixed `[dotskit]`). Default `true`.
   */
  strict?: boolean;
  /** Receives warnings in non-strict mode. Default: `console.warn`. */
  onWarning?: (message: string) => void;
  /** Receives debug and warn lines. Default: none. */
  logger?: DotsLogger;
}

/** Per-call options accepted by every client method. */
export interface DotsRequestOptions {
  /** The end user's IP address, sent as `Dots-User-IP`. */
  userIp?: string;
  /** Idempotency key (UUID) for creating calls; generated when omitted. */
  idempotencyKey?: string;
  /** Aborts the call (including retries and backoff waits). */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call, overriding the client's `timeoutMs`. */
  timeoutMs?: number;
}

/** Query values; `undefined` and `null` are left out. */
export type DotsQuery = Record<string, string | number | boolean | undefined | null>;

/** Options of the low-level {@link DotsClient.request}. */
export interface DotsRawRequestOptions<T> extends DotsRequestOptions {
  /** JSON body. With `idempotencyKey` set on a POST, `idempotency_key` is added to it. */
  body?: unknown;
  /** Query parameters. */
  query?: DotsQuery;
  /** Schema the 2xx response is checked against (see the `strict` option). */
  schema?: z.ZodType<T>;
}

/** `GET /v2/users` filters. */
export type UserListParams = ListParams & { status?: UserStatus };
/** `GET /v2/transfers` filters. */
export type TransferListParams = ListParams & {
  user_id?: string;
  reverse_order?: boolean;
  type?: TransferType;
  status?: TransferStatus;
  start_date?: string;
  end_date?: string;
};
/** `GET /v2/transactions` options: `include_transfer` adds each transaction's transfer. */
export type TransactionListParams = ListParams & { include_transfer?: boolean };
/** `GET /v2/payout-batches/{id}/results` options. */
export type PayoutBatchResultsParams = { include_request?: boolean };

/** Methods shared by listable resources. */
export interface DotsListable<T, P extends ListParams = ListParams> {
  /** One page (`{ data, has_more }`). */
  list(params?: P, options?: DotsRequestOptions): Promise<DotsPage<T>>;
  /** Every item from `params.starting_after` on, fetching pages lazily by `starting_after`. */
  iterate(params?: P, options?: DotsRequestOptions): AsyncIterable<T>;
}

/** The typed Dots v2 client returned by {@link createDotsClient}. */
export interface DotsClient {
  users: DotsListable<User, UserListParams> & {
    create(body: CreateUserBody, options?: DotsRequestOptions): Promise<User>;
    retrieve(userId: string, options?: DotsRequestOptions): Promise<User>;
    update(userId: string, body: UpdateUserBody, options?: DotsRequestOptions): Promise<User>;
    /** `DELETE /v2/users/{id}`: deletes the user, returns it. Not retried. */
    delete(userId: string, options?: DotsRequestOptions): Promise<User>;
    /** `PUT /v2/users/{id}/compliance`: submits a W-9 or W-8BEN. Resolves when accepted. */
    submitCompliance(
      userId: string,
      body: SubmitComplianceBody,
      options?: DotsRequestOptions,
    ): Promise<void>;
    /** `POST /v2/users/{id}/send-verification-token` (202): texts (or calls) a code. Not retried. */
    sendVerificationToken(
      userId: string,
      body?: SendVerificationTokenBody,
      options?: DotsRequestOptions,
    ): Promise<void>;
    /** `POST /v2/users/{id}/verify`: checks the code; a wrong one throws a `DotsError` (`dots_error`, status 400). */
    verify(userId: string, body: VerifyUserBody, options?: DotsRequestOptions): Promise<void>;
    /** `GET /v2/users/{id}/payout-methods`: the user's connected payout methods. */
    listPayoutMethods(userId: string, options?: DotsRequestOptions): Promise<PaymentMethod[]>;
    /** `PUT /v2/users/{id}/payout-methods`: connects a payout method, returns it. */
    addPayoutMethod(
      userId: string,
      body: AddPayoutMethodBody,
      options?: DotsRequestOptions,
    ): Promise<AddPayoutMethodResult>;
    /** `PUT /v2/users/{id}/addresses`: adds a postal address. Resolves when accepted. */
    addAddress(
      userId: string,
      body: AddUserAddressBody,
      options?: DotsRequestOptions,
    ): Promise<void>;
  };
  flows: DotsListable<Flow> & {
    create(body: CreateFlowBody, options?: DotsRequestOptions): Promise<Flow>;
    retrieve(flowId: string, options?: DotsRequestOptions): Promise<Flow>;
  };
  payoutLinks: DotsListable<PayoutLink> & {
    create(body: CreatePayoutLinkBody, options?: DotsRequestOptions): Promise<PayoutLink>;
    retrieve(payoutLinkId: string, options?: DotsRequestOptions): Promise<PayoutLink>;
    /** `DELETE /v2/payout-links/{id}`: cancels the link, returns it. */
    cancel(payoutLinkId: string, options?: DotsRequestOptions): Promise<PayoutLink>;
    /** `POST /v2/payout-links/{id}/redeliver` (up to 5 times per link). Not retried. */
    redeliver(
      payoutLinkId: string,
      options?: DotsRequestOptions,
    ): Promise<RedeliverPayoutLinkResult>;
  };
  transfers: DotsListable<Transfer, TransferListParams> & {
    create(body: CreateTransferBody, options?: DotsRequestOptions): Promise<Transfer>;
    retrieve(transferId: string, options?: DotsRequestOptions): Promise<Transfer>;
  };
  payouts: {
    /** `POST /v2/payouts`: returns the payout's transfer. */
    create(body: CreatePayoutBody, options?: DotsRequestOptions): Promise<Transfer>;
    /**
     * `POST /v2/payouts/send-payout`: pays a known user or a phone number; answers with the
     * payout link made for it (already claimed and paying out when the user has a method).
     */
    send(body: SendPayoutBody, options?: DotsRequestOptions): Promise<PayoutLink>;
  };
  transactions: DotsListable<TransactionWithTransfer, TransactionListParams> & {
    /** `GET /v2/transactions/{id}` (ids are integers). */
    retrieve(transactionId: string | number, options?: DotsRequestOptions): Promise<Transaction>;
  };
  payoutBatches: DotsListable<PayoutBatch> & {
    create(body: CreatePayoutBatchBody, options?: DotsRequestOptions): Promise<PayoutBatch>;
    retrieve(payoutBatchId: string, options?: DotsRequestOptions): Promise<PayoutBatch>;
    results(
      payoutBatchId: string,
      params?: PayoutBatchResultsParams,
      options?: DotsRequestOptions,
    ): Promise<PayoutBatchResult>;
  };
  apps: DotsListable<App> & {
    create(body: CreateAppBody, options?: DotsRequestOptions): Promise<App>;
    retrieve(appId: string, options?: DotsRequestOptions): Promise<App>;
  };
  /**
   * Low-level call: `path` is relative to the base URL (`/v2/...`). GETs, and POSTs whose
   * body carries an `idempotency_key`, are retried. Returns the parsed JSON (checked
   * against `schema` when given), or `undefined` for an empty body.
   */
  request<T = unknown>(
    method: DotsHttpMethod,
    path: string,
    options?: DotsRawRequestOptions<T>,
  ): Promise<T>;
  /** The resolved base URL (no credentials). */
  readonly baseUrl: string;
  /** Safe serialisation: `{ baseUrl, appId }`, never credentials. */
  toJSON(): { baseUrl: string; appId: string | undefined };
}
