import type {
  BrokerEventType,
  Flow,
  PayoutBatch,
  PayoutLink,
  PayoutLinkStatus,
  Transfer,
  TransferStatus,
} from '@dotskit/api/wire';
import type { BrokerConfig } from '../broker-client';
import type { Wallet } from '../seller-wire';
import type { FakeBrokerScope } from './auth';

/** A request the fake broker received. */
export interface FakeBrokerRequest {
  method: string;
  /** Path below the broker URL, without the query. */
  path: string;
  /** The query string (`?limit=20…`), or `''`. */
  search: string;
  body: unknown;
  authorization: string | null;
}

/** Options of {@link createFakeBroker}. */
export interface FakeBrokerOptions {
  /** Base URL the provider is given. Default `https://broker.test/dots`. */
  url?: string;
  /**
   * Origin of flow and payout-link pages. Default `https://my-sandbox.dots.dev` (a Dots
   * flow origin, so links pass the widgets' link check without `flowOrigins`).
   */
  flowOrigin?: string;
  /** The principal `config` signs in as. Default `seller-1`. */
  principal?: string;
  /**
   * The scopes of the tokens `config`, `configFor` and `tokenFor` give unless they are
   * told otherwise. Default: every scope the broker checks (`FAKE_BROKER_SCOPES`).
   */
  scopes?: readonly (FakeBrokerScope | (string & {}))[];
}

/** Which scopes a token carries. `scopes` omitted: the fake's default scopes. */
export interface TokenOptions {
  scopes?: readonly (FakeBrokerScope | (string & {}))[];
}

/** Whose resource a control method creates or changes. Default: the fake's own principal. */
export interface AsPrincipal {
  principal?: string;
}

/** Whether a control method pushes its event(s). Default true. */
export interface PushOption {
  push?: boolean;
}

/**
 * In-memory implementation of the broker HTTP contract for host apps' jsdom tests:
 * pass `broker.config` as `<DotsProvider broker>` and drive the resources with
 * `completeStep`, `completeFlow`, `setPayoutLinkStatus`, `fund`, … Each change is pushed
 * on its owner's `/events` stream exactly as the real broker does (see `broker-events.ts`).
 *
 * Principals and scopes: `config` signs in as `principal` (token `token-<n>`);
 * `configFor(name)` gives another principal's config (token `token-<n>@<name>`); a token
 * with fewer scopes than all ends in `#<scope>,<scope>`. Every resource has an owner (the
 * caller for API creates, `principal` for control methods, the default principal for
 * objects put straight into the maps); reads, lists and events show a principal only its
 * own. Each route needs the broker's scope (403 `insufficient_scope`), and a stream gets
 * only the events its token's scopes cover. Errors are the broker's bodies and statuses
 * (`BrokerErrorBody`); the fake is held to the broker by the shared broker-contract suite.
 */
export interface FakeBroker {
  url: string;
  flowOrigin: string;
  /** The default principal (`config`'s). */
  principal: string;
  /** `{ url, getToken, fetch }` ready for `<DotsProvider broker>`. */
  config: Required<BrokerConfig>;
  fetch: typeof fetch;
  getToken: BrokerConfig['getToken'];
  /** A config signed in as `principal` (same fake, same resources, its own view). */
  configFor(principal: string, options?: TokenOptions): Required<BrokerConfig>;
  /**
   * The current token of `principal` (default: the default one), for calling
   * `broker.fetch` by hand (`Authorization: Bearer <token>`).
   */
  tokenFor(principal?: string, options?: TokenOptions): string;
  /** How often any `getToken` was called. */
  readonly tokenCalls: number;
  requests: FakeBrokerRequest[];
  flows: Map<string, Flow>;
  payoutLinks: Map<string, PayoutLink>;
  transfers: Map<string, Transfer>;
  payoutBatches: Map<string, PayoutBatch>;
  /** Wallets of principals with a linked Dots user; `GET /wallet` answers 404 for others. */
  wallets: Map<string, Wallet>;
  /** Currently open `/events` streams (every principal). */
  readonly openStreams: number;
  /**
   * Marks one step completed; pushes `flow.updated` unless `push: false`, and, as the
   * broker does, `flow.completed` the first time the flow covers all its steps.
   */
  completeStep(flowId: string, step: string, opts?: PushOption): Flow;
  /**
   * Marks every step completed; pushes `flow.updated` and (once per flow)
   * `flow.completed` unless `push: false`. A `payout` step withdraws the owner's whole withdrawable amount (when
   * they have a wallet and it is not 0) as a pending payout transfer, as Dots does.
   */
  completeFlow(flowId: string, opts?: PushOption): Flow;
  /** Sets a payout link's status (and pushes it). */
  setPayoutLinkStatus(id: string, status: PayoutLinkStatus, opts?: PushOption): PayoutLink;
  /** Claims the link and completes its transfer: the whole "paid out" path. */
  payOut(payoutLinkId: string): Transfer;
  createPayoutLink(init?: Partial<PayoutLink>, opts?: AsPrincipal): PayoutLink;
  createTransfer(init?: Partial<Transfer>, opts?: AsPrincipal): Transfer;
  /**
   * Sets a transfer's status and pushes `transfer.updated`; when it completes and its
   * owner has a wallet, `wallet.updated` too.
   */
  setTransferStatus(id: string, status: TransferStatus, opts?: PushOption): Transfer;
  createPayoutBatch(init?: Partial<PayoutBatch>, opts?: AsPrincipal): PayoutBatch;
  updatePayoutBatch(id: string, patch: Partial<PayoutBatch>, opts?: PushOption): PayoutBatch;
  /** Links a Dots user to the principal (a wallet of 0 unless given) or updates its wallet; pushes `wallet.updated`. */
  setWallet(wallet?: Partial<Wallet>, opts?: AsPrincipal & PushOption): Wallet;
  /**
   * The host funds the principal's wallet: a completed `balance` transfer of `-cents`
   * (app to user), the wallet credited; pushes `transfer.updated` and `wallet.updated`.
   * Throws when the principal has no wallet (`setWallet` first).
   */
  fund(cents: number, opts?: AsPrincipal): Transfer;
  /**
   * The user withdraws: a `pending` `payout` transfer of `cents`, taken from the wallet at
   * once; pushes `transfer.updated` and `wallet.updated`. Complete it with `setTransferStatus`.
   */
  withdraw(cents: number, opts?: AsPrincipal): Transfer;
  /** Makes the next matching request fail with this status and error code. */
  failNext(match: { method?: string; path?: RegExp | string }, status: number, code?: string): void;
  /** Invalidates the current tokens: requests get 401 until `getToken({ refresh: true })`. */
  revokeToken(): void;
  /** Pushes an event as-is to a principal (for malformed-event tests pass any `data` string). */
  push(type: BrokerEventType | string, data: string, opts?: AsPrincipal): void;
  /** Ends every open `/events` stream from the server side (clients reconnect). */
  dropStreams(): void;
}
