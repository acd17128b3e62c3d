import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, MemoryStore, type Store as RateLimitStore } from 'express-rate-limit';
import { BrokerError } from '../errors';
import type { BrokerStore } from '../store/ports';
import type { BrokerRateLimitOptions, Principal } from '../types';

/**
 * An express-rate-limit Store over `BrokerStore.hitRateLimit`: the counts live in the
 * broker's store, so every instance sharing it enforces the same limits.
 */
export class BrokerRateLimitStore implements RateLimitStore {
  /** Counts are shared across instances. */
  readonly localKeys = false;
  private windowMs = 60_000;
  constructor(
    private readonly store: BrokerStore,
    readonly prefix: string,
    private readonly ready: () => Promise<void>,
  ) {}
  init(options: { windowMs: number }): void {
    this.windowMs = options.windowMs;
  }
  async increment(key: string) {
    await this.ready();
    const { hits, resetAt } = await this.store.hitRateLimit(this.prefix + key, this.windowMs);
    return { totalHits: hits, resetTime: new Date(resetAt) };
  }
  async decrement(key: string) {
    await this.store.decrementRateLimit(this.prefix + key);
  }
  async resetKey(key: string) {
    await this.store.resetRateLimit(this.prefix + key);
  }
}

/** Resolved rate-limit settings. */
export type ResolvedRateLimit = Required<BrokerRateLimitOptions>;

/** The 429 for a limit that resets at `resetAt` (epoch ms), with `Retry-After`. */
function rateLimited(what: string, resetAt: number): BrokerError {
  const seconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
  return new BrokerError({
    code: 'rate_limited',
    message: `Too many requests ${what}; retry in ${seconds} s.`,
    details: { retry_after_seconds: seconds },
    retryAfterMs: seconds * 1_000,
  });
}

/** Where hits are counted: the broker's store (shared by instances) or this process's memory. */
function counter(
  store: BrokerStore,
  options: ResolvedRateLimit,
  prefix: string,
  ready: () => Promise<void>,
): RateLimitStore {
  return options.shared ? new BrokerRateLimitStore(store, prefix, ready) : new MemoryStore();
}

const IP_KEYS_KEPT = 10_000;
/** The longest textual IP address (IPv6 with an IPv4 tail); INET6_ADDRSTRLEN less the NUL. */
const LONGEST_IP = 45;
const ipKeys = new Map<string, string>();

/**
 * express-rate-limit's `ipKeyGenerator(ip)` (the address, or its /56 for IPv6), remembered
 * per address: it runs Node's `isIPv6` regex on every call (1 % of a GET). Forgets all
 * addresses once 10,000 are kept. Longer strings than any address (what a trusted proxy
 * chain can pass on from `X-Forwarded-For`) are keyed but not kept: kept, 10,000 header-
 * sized strings would hold ~160 MB.
 */
export function ipKey(ip: string): string {
  if (ip.length > LONGEST_IP) return ipKeyGenerator(ip);
  let key = ipKeys.get(ip);
  if (key === undefined) {
    if (ipKeys.size >= IP_KEYS_KEPT) ipKeys.clear();
    key = ipKeyGenerator(ip);
    ipKeys.set(ip, key);
  }
  return key;
}

/**
 * How each of the two limits counts: `key` is what the Express adapter counts by, `bucket`
 * the counter a key falls in, for every adapter (an IPv6 address counts in its /56).
 */
const scopes = {
  ip: {
    prefix: 'rl:ip:',
    max: (o: ResolvedRateLimit) => o.perIp,
    key: (req: Request) => req.ip ?? 'unknown',
    bucket: ipKey,
    who: 'from this address',
  },
  principal: {
    prefix: 'rl:sub:',
    max: (o: ResolvedRateLimit) => o.perPrincipal,
    key: (req: Request) => (req.res?.locals.principal as Principal | undefined)?.sub ?? 'anonymous',
    bucket: (sub: string) => sub,
    who: 'for this user',
  },
} as const;

/** One counted hit: the limit, the hits left in the window and when it resets (epoch ms). */
export interface RateLimitHit {
  limit: number;
  remaining: number;
  resetAt: number;
  /** This hit went past the limit. */
  over: boolean;
}

/** Counts hits for keys of one scope (in the scope's buckets) in its store; resolves what the hit left. */
function hitCounter(
  scope: keyof typeof scopes,
  store: BrokerStore,
  options: ResolvedRateLimit,
  ready: () => Promise<void>,
): (key: string) => Promise<RateLimitHit> {
  const s = scopes[scope];
  const hits = counter(store, options, s.prefix, ready);
  hits.init?.({ windowMs: options.windowMs } as Parameters<NonNullable<RateLimitStore['init']>>[0]);
  const limit = s.max(options);
  return async (key) => {
    const { totalHits, resetTime } = await hits.increment(s.bucket(key));
    return {
      limit,
      remaining: Math.max(limit - totalHits, 0),
      resetAt: resetTime?.getTime() ?? Date.now() + options.windowMs,
      over: totalHits > limit,
    };
  };
}

/**
 * A rate limit as Express middleware: per IP (before authentication) or per principal
 * (after it; reads `res.locals.principal`). Every answer carries the IETF draft-7
 * `RateLimit-Policy` and `RateLimit` headers of the last limit counted; past the limit,
 * the request ends in the 429 of `rateLimited`. One store call and no other work per
 * request (express-rate-limit's middleware awaited five times and ran its setup checks on
 * each request; its store and IP key are still the ones used here).
 */
export function brokerRateLimit(
  scope: keyof typeof scopes,
  store: BrokerStore,
  options: ResolvedRateLimit,
  ready: () => Promise<void>,
): RequestHandler {
  const s = scopes[scope];
  const hit = hitCounter(scope, store, options, ready);
  const windowSeconds = Math.ceil(options.windowMs / 1000);
  const policy = `${s.max(options)};w=${windowSeconds}`;
  return (req, res, next) => {
    hit(s.key(req)).then((h) => {
      if (!res.headersSent) {
        const reset = Math.max(0, Math.ceil((h.resetAt - Date.now()) / 1000));
        res.setHeader('RateLimit-Policy', policy);
        res.setHeader('RateLimit', `limit=${h.limit}, remaining=${h.remaining}, reset=${reset}`);
      }
      next(h.over ? rateLimited(s.who, h.resetAt) : undefined);
    }, next);
  };
}

/**
 * A rate limit for adapters without Express (the Fetch handler): counts a hit for `key`
 * (an address or a principal's `sub`) in the same buckets and store as the Express limits
 * and throws the same 429 past the limit.
 */
export function rateLimitCounter(
  scope: keyof typeof scopes,
  store: BrokerStore,
  options: ResolvedRateLimit,
  ready: () => Promise<void>,
): (key: string) => Promise<void> {
  const hit = hitCounter(scope, store, options, ready);
  const who = scopes[scope].who;
  return async (key) => {
    const h = await hit(key);
    if (h.over) throw rateLimited(who, h.resetAt);
  };
}
