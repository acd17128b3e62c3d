import type { BrokerDotsClient, DotsResource } from '../dots-client';
import type { EventPublisher } from '../events';
import type { RunIdempotent } from '../idempotency';
import type { Identity } from '../identity/identity';
import type { BrokerMetrics } from '../observe/metrics';
import type { OwnerLookup } from '../owner-cache';
import type { BrokerStore } from '../store/ports';
import type { BodyDefaults, Principal } from '../types';

/** A request body as the commands see it before validation. */
export type Body = Record<string, unknown>;

/**
 * Who asks, and through which door: `browser` (the HTTP adapters: a signed-in user's
 * request, UI options only, payout cap required) or `server` (the host's own code through
 * the server-side API: every Dots option, the principal's cap when it has one).
 */
export interface Caller {
  principal: Principal;
  via: 'browser' | 'server';
  /** The end user's IP, forwarded as `Dots-User-IP` (only a valid IP). */
  userIp?: string;
  /** The client's idempotency key; the body's `idempotency_key` is used when this is absent. */
  idempotencyKey?: string;
  /** Aborts the upstream call. */
  signal?: AbortSignal;
}

/** What every command needs from the broker. Built once by `createBroker`. */
export interface CommandContext {
  client: BrokerDotsClient;
  store: BrokerStore;
  /** Ownership reads (cached). */
  owners: OwnerLookup;
  metrics: BrokerMetrics;
  runIdempotent: RunIdempotent;
  events: EventPublisher;
  identity: Identity;
  /** Starts following a payout batch until it completes. */
  watchBatch(owner: string, batch: DotsResource): Promise<void>;
  /** Awaited before any store access; rejects with a 503 BrokerError while the store is down. */
  ready(): Promise<void>;
  /**
   * Whether a create for a principal without a Dots user asks Dots about the principal's
   * own recent flows: only when no webhooks come (with webhooks, the flow's webhook links
   * the user, and a create costs one Dots call, not up to four).
   */
  linkFromOwnFlows: boolean;
  /** Host settings for browser requests. */
  browser: {
    flowDefaults?: BodyDefaults<Body>;
    payoutLinkDefaults?: BodyDefaults<Body>;
    /** Cap for browser payouts of principals whose token carries none. */
    maxPayoutCents?: number;
  };
}
