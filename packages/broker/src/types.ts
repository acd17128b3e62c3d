import type { DotsClient } from '@dotskit/api';
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { UserLinkConflict } from './identity/identity';
import type { BrokerStore } from './store/ports';

/** A scope the broker checks. Tokens may carry others; they are ignored. */
export type BrokerScope =
  | 'flows:write'
  | 'flows:read'
  | 'payout_links:write'
  | 'payout_links:read'
  | 'payouts:read';

/**
 * The signed-in user of the host app, as the broker sees it: from the JWT claims (`sub`,
 * `dots_user_id`, `scope`, `max_payout_cents`) or from the host's `authorize(req)`.
 */
export interface Principal {
  /** The host's id for the user; owner of everything created on their behalf. Required. */
  sub: string;
  /** The user's Dots id when the host knows it; otherwise the one linked by a finished flow. */
  dotsUserId?: string;
  /** Granted scopes (see {@link BrokerScope}). */
  scopes: Set<string> | string[];
  /** Upper bound in cents for any payout made for this principal. Unlimited when absent. */
  maxPayoutCents?: number;
}

/** Dots credentials; the broker builds its own client from them (`@dotskit/api`). */
export interface BrokerDotsConfig {
  clientId: string;
  apiKey: string;
  /** `'sandbox'`, `'production'`, or `{ baseUrl }` (e.g. a local sandbox's `http://127.0.0.1:4010/api`). */
  environment: 'sandbox' | 'production' | { baseUrl: string };
  /** Acts on this app with an organisation key (`Api-App-Id`). */
  appId?: string;
  /** Per-attempt timeout of upstream calls in ms. Default: the client's default. */
  timeoutMs?: number;
  /** Retries of upstream calls. Default: the client's default. */
  maxRetries?: number;
  /** Transport. Default: a node:http keep-alive `fetch` (see `createKeepAliveFetch`). */
  fetch?: typeof fetch;
}

/** Claim checks of {@link BrokerAuthConfig}, beyond the signature, `exp` and `sub`. */
export interface BrokerJwtChecks {
  /** Required `iss` claim. Default: not checked. */
  issuer?: string;
  /** Required `aud` claim (one of these). Default: not checked. */
  audience?: string | string[];
  /**
   * Oldest accepted token by its `iat` claim (then required): seconds, or `'15m'`, `'12h'`,
   * `'7d'`. Bounds a token's life whatever its `exp`. Default: not checked.
   */
  maxTokenAge?: number | string;
}

/** JWT verification settings (jose). */
export type BrokerAuthConfig =
  /** HS256 with a shared secret of at least 32 characters, not a repeated character or unit. */
  | ({ jwtSecret: string } & BrokerJwtChecks)
  /** RS256/ES256/PS256/EdDSA keys from a JWKS URL (`https:`, or `http:` on loopback). */
  | ({ jwksUrl: string } & BrokerJwtChecks);

/** Rate limits, counted in the store so that they hold across broker instances. */
export interface BrokerRateLimitOptions {
  /** Window length in ms. Default: 60_000. */
  windowMs?: number;
  /** Requests per principal per window. Default: 300. */
  perPrincipal?: number;
  /** Requests per client IP per window. Default: 1_000. */
  perIp?: number;
  /**
   * Count hits in the broker's store (`BrokerStore.hitRateLimit`), so that the limits hold
   * across instances. Default: `true` with PostgreSQL; `false` (this process's memory) with
   * SQLite, where every hit would be a durable write on the request path (two per request,
   * measured at ~35× less throughput in bench/broker-overhead.mjs), and with the memory store.
   */
  shared?: boolean;
}

/** Server-side defaults merged over a request body; server values win, `metadata` objects merge. */
export type BodyDefaults<T> = Partial<T> | ((principal: Principal, body: T) => T | Promise<T>);

/**
 * Options every HTTP adapter of the broker takes (`createBroker` for Express,
 * `createBrokerHandler` for the Fetch API); each adds its own `authorize`.
 */
export interface BrokerCoreOptions {
  /** Dots credentials, or a ready client (e.g. `createDotsClient(...)`). Required. */
  dots: BrokerDotsConfig | DotsClient;
  /** How requests are authenticated: a JWT config. Either this or `authorize` is required. */
  auth?: BrokerAuthConfig;
  /** Host-supplied authentication, given the adapter's request; throw (or return undefined) to answer 401. Overrides `auth`. */
  authorize?: (request: never) => Principal | undefined | Promise<Principal | undefined>;
  /** The store. Default: one opened from `databaseUrl`; the broker then closes it on `close()`. */
  store?: BrokerStore;
  /** `sqlite:<path>`, `postgres://…` or `memory:`, when no `store` is given. Default: `sqlite:.data/dotskit.db`. */
  databaseUrl?: string;
  /** Svix signing secret (`whsec_…`) of the Dots webhook endpoint. Default: none (POST /webhooks answers 503). */
  webhookSecret?: string;
  /** Browser origins allowed to call the broker (CORS), e.g. `['https://shop.example']`. Same-origin calls are always allowed. Default: `[]`. */
  allowedOrigins?: string[];
  /**
   * Called once per principal and Dots user when the broker links them: by
   * `broker.users.create`, `broker.users.link`, or a flow the principal created itself
   * (never a payout link's claim flow, never a read). Store the id on the host's side.
   * Default: none.
   */
  onUserLinked?: (principal: Principal, dotsUserId: string) => void | Promise<void>;
  /**
   * Called when a link to a different Dots user is refused because the principal is
   * already linked (the existing link stays; a warning is logged and
   * `dotskit_broker_user_links_total{outcome="conflict"}` counts it). Default: none.
   */
  onUserLinkConflict?: (conflict: UserLinkConflict) => void | Promise<void>;
  /**
   * Payout cap in cents for browser requests (payout links) of principals whose token has
   * no `max_payout_cents` claim. Without it, such requests are refused with 403
   * `payout_cap_required`. Default: none.
   */
  browserMaxPayoutCents?: number;
  /**
   * Fixes fields of browser `POST /flows` bodies server-side, including options the
   * browser may not set (`require_auth`, step options beyond the UI ones). Default: none.
   */
  flowDefaults?: BodyDefaults<Record<string, unknown>>;
  /**
   * Fixes fields of browser `POST /payout-links` bodies server-side (e.g. `memo`,
   * `metadata`, `tax_exempt`, `payout_fee_party`). Default: none.
   */
  payoutLinkDefaults?: BodyDefaults<Record<string, unknown>>;
  /** Rate limits; `false` disables them. Default: see {@link BrokerRateLimitOptions}. */
  rateLimit?: BrokerRateLimitOptions | false;
  /** Largest accepted JSON body, in bytes or an express size string. Default: `'32kb'`. */
  bodyLimit?: number | string;
  /** Largest accepted webhook body (Dots' payout-link objects are larger than a request). Default: `'256kb'`. */
  webhookBodyLimit?: number | string;
  /** A pino logger. Default: `pino({ level: 'info' })` to stdout, with secrets redacted. */
  logger?: Logger;
  /** Interval of SSE heartbeat comments in ms. Default: 15_000. */
  heartbeatMs?: number;
  /**
   * Open `GET /events` streams one principal may hold on one instance; one more ends their
   * oldest. Default: 20.
   */
  maxStreamsPerPrincipal?: number;
  /** prom-client registry for the broker's metrics. Default: a new registry per broker. */
  metricsRegistry?: Registry;
  /**
   * Bearer token `GET /metrics` requires (32+ characters, as `auth.jwtSecret`). Default: none
   * (the metrics are public wherever the router is reachable).
   */
  metricsToken?: string;
  /**
   * Whether the router serves `GET /metrics`. `false` to serve `metricsRegistry` elsewhere,
   * e.g. on a port only the monitoring network reaches (the bin's `METRICS_PORT`). Default: true.
   */
  metricsRoute?: boolean;
  /** How long idempotency records live, in ms. Default: 24 h (as Dots). */
  idempotencyTtlMs?: number;
  /**
   * How long an instance holds a stored webhook event it is publishing. If it dies, any
   * instance (or itself restarted) finishes the event after this. Shorter recovers sooner;
   * too short lets a slow attempt be re-run elsewhere (a repeated `*.updated` event,
   * harmless). Default: 15_000.
   */
  webhookLeaseMs?: number;
}

/** Options of {@link createBroker} (the Express adapter). */
export interface BrokerOptions extends BrokerCoreOptions {
  /** Host-supplied authentication from the Express request; throw (or return undefined) to answer 401. Overrides `auth`. */
  authorize?: (req: Request) => Principal | undefined | Promise<Principal | undefined>;
}
