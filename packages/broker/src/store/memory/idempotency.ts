import { jsonClone } from '../json';
import type { IdempotencyClaim, IdempotencyPort } from '../ports';
import type { MemoryPart, MemoryPortContext } from './context';

interface IdempotencyEntry {
  requestHash: string;
  expiresAt: number;
  /** While pending: when another claim may take the key over. */
  leaseUntil: number;
  done?: { status: number; body: unknown };
}

/**
 * The idempotency port in memory; `leaseMs` is the store's `idempotencyLeaseMs`. `complete`
 * is `completeIdempotency` done synchronously (for `commitCreate`).
 */
export function memoryIdempotency(
  ctx: MemoryPortContext,
  leaseMs: number,
): MemoryPart<IdempotencyPort> & { complete(key: string, status: number, body: unknown): void } {
  const { now, open, wrote } = ctx;
  const keys = new Map<string, IdempotencyEntry>();
  const complete = (key: string, status: number, body: unknown) => {
    const entry = keys.get(key);
    if (entry && !entry.done) entry.done = { status, body: jsonClone(body) };
  };
  return {
    complete,
    sweep(at) {
      for (const [key, entry] of keys) if (entry.expiresAt <= at) keys.delete(key);
    },
    methods: {
      async claimIdempotency(key, requestHash, ttlMs): Promise<IdempotencyClaim> {
        open();
        const at = now();
        wrote();
        const entry = keys.get(key);
        if (!entry || entry.expiresAt <= at || (!entry.done && entry.leaseUntil <= at)) {
          keys.set(key, {
            requestHash,
            expiresAt: at + ttlMs,
            leaseUntil: at + Math.min(leaseMs, ttlMs),
          });
          return { state: 'claimed' };
        }
        if (entry.requestHash !== requestHash) return { state: 'mismatch' };
        if (!entry.done) return { state: 'pending' };
        return { state: 'done', status: entry.done.status, body: jsonClone(entry.done.body) };
      },
      async completeIdempotency(key, status, body) {
        open();
        complete(key, status, body);
      },
      async renewIdempotencyLease(key) {
        open();
        const entry = keys.get(key);
        if (entry && !entry.done) entry.leaseUntil = now() + leaseMs;
      },
      async releaseIdempotency(key) {
        open();
        const entry = keys.get(key);
        if (entry && !entry.done) keys.delete(key);
      },
    },
  };
}
