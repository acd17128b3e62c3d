import { createHash, randomUUID } from 'node:crypto';
import { BrokerError } from './errors';
import type { CreateRecords } from './store/commit-port';
import type { BrokerStore } from './store/ports';

/** A stored or fresh response of an idempotent operation. */
export interface IdempotentResult {
  status: number;
  body: unknown;
  /** True when the response comes from an earlier request with the same key. */
  replayed: boolean;
}

/** JSON with object keys sorted, so that equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 (hex) of the canonical JSON of `value`. */
export function hashRequest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * A UUID derived from a scoped key, sent to Dots as `idempotency_key`: the same scoped key
 * always maps to the same UUID (so a retry after a broker crash is still deduplicated by
 * Dots), and two principals using the same client key never collide.
 */
export function upstreamIdempotencyKey(scopedKey: string): string {
  const h = createHash('sha256').update(`dotskit:${scopedKey}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The store key of a client's idempotency key: namespaced by principal and command so
 * that no two (principal, command, key) triples meet, whatever characters they contain
 * (a JSON array, not a `:`-joined string).
 */
export function scopedIdempotencyKey(owner: string, command: string, clientKey: string): string {
  return JSON.stringify([owner, command, clientKey]);
}

/** Options of {@link createIdempotency}. */
export interface IdempotencyOptions {
  store: BrokerStore;
  /** Record lifetime in ms. */
  ttlMs: number;
  /** How long a request waits for an identical one in flight elsewhere. Default: 30_000. */
  waitMs?: number;
}

/** What idempotent work produces: its response, and what to record with it. */
export interface IdempotentWork {
  status: number;
  body: unknown;
  /** Written with the response in one store transaction (`commitCreate`). Default: none. */
  records?: CreateRecords;
}

/** Runs `work` at most once per scoped key and request hash. */
export type RunIdempotent = (
  scopedKey: string,
  requestHash: string,
  work: () => Promise<IdempotentWork>,
) => Promise<IdempotentResult>;

/**
 * Idempotency over the store: `work`'s response and records are committed together
 * (`commitCreate`: one transaction); a replay returns the stored response without calling `work`;
 * concurrent identical requests in this process share one promise, and across instances the
 * store's `pending` state is polled until the first request completes; a different body
 * under the same key is a 409. A failed `work` releases the key so that a retry may run.
 */
export function createIdempotency({
  store,
  ttlMs,
  waitMs = 30_000,
}: IdempotencyOptions): RunIdempotent {
  const inFlight = new Map<string, { hash: string; promise: Promise<IdempotentResult> }>();

  const claimAndRun = async (key: string, hash: string, work: () => Promise<IdempotentWork>) => {
    const deadline = Date.now() + waitMs;
    let delay = 25;
    for (;;) {
      const claim = await store.claimIdempotency(key, hash, ttlMs);
      if (claim.state === 'done') return { status: claim.status, body: claim.body, replayed: true };
      if (claim.state === 'mismatch') throw mismatch();
      if (claim.state === 'claimed') {
        let result: IdempotentWork;
        // Renew the claim while the work runs: only a dead process's claim runs out.
        const renew = setInterval(
          () => void store.renewIdempotencyLease(key).catch(() => undefined),
          Math.max(50, Math.floor(store.idempotencyLeaseMs / 3)),
        );
        renew.unref();
        try {
          result = await work();
        } catch (err) {
          await store.releaseIdempotency(key).catch(() => undefined);
          throw err;
        } finally {
          clearInterval(renew);
        }
        const { status, body, records } = result;
        await store.commitCreate({ idempotency: { key, status, body }, ...records });
        return { status, body, replayed: false };
      }
      if (Date.now() + delay > deadline) {
        throw new BrokerError({
          code: 'idempotency_in_progress',
          message: 'A request with this idempotency key is still in progress; retry later.',
          retryAfterMs: 1_000,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 500);
    }
  };

  return async (key, hash, work) => {
    const existing = inFlight.get(key);
    if (existing) {
      if (existing.hash !== hash) throw mismatch();
      const { status, body } = await existing.promise;
      return { status, body, replayed: true };
    }
    const promise = claimAndRun(key, hash, work);
    inFlight.set(key, { hash, promise });
    try {
      return await promise;
    } finally {
      inFlight.delete(key);
    }
  };
}

function mismatch(): BrokerError {
  return new BrokerError({
    code: 'idempotency_mismatch',
    message: 'This idempotency key was already used with a different request body.',
  });
}

/** A fresh key for requests that bring none: each such request is its own operation. */
export function freshIdempotencyKey(): string {
  return randomUUID();
}
