import { jsonClone } from './json';
import { createListenerSet } from './listeners';
import { createMemoryOutbox } from './memory-outbox';
import type {
  BrokerStore,
  IdempotencyClaim,
  OwnerRelation,
  ResourceKind,
  StreamEvent,
} from './types';

/** Options shared by every store factory. */
export interface StoreOptions {
  /**
   * Clock in epoch milliseconds, used for created/received times, idempotency expiry and
   * rate-limit windows. Tests inject a fake clock. The SQL stores also take times from
   * this clock, not from the database, so instances sharing one database need
   * synchronised clocks (NTP). Default: `Date.now`.
   */
  now?: () => number;
  /**
   * Receives errors that have no caller to reject: a throwing `subscribe` listener, a
   * dropped LISTEN connection. Default: `console.error` with the package prefix.
   */
  onError?: (error: unknown) => void;
  /**
   * How long a `pending` idempotency claim holds its key unless renewed. The broker renews
   * the lease of a request still running every third of it, so a claim whose process died
   * is taken over by a retry after at most this, instead of blocking it for the whole ttl.
   * A claim's first lease is capped by its ttl. Default: 15000 (15 s).
   */
  idempotencyLeaseMs?: number;
  /**
   * How long webhook events (the svix-id deduplication window) and stream events (the
   * Last-Event-ID replay window) are kept. Older ones, expired idempotency keys and
   * ended rate-limit windows are swept at `init()` and every 1024 writes.
   * Default: 604800000 (7 days).
   */
  retentionMs?: number;
}

/** Default of `StoreOptions.retentionMs`: 7 days. */
export const DEFAULT_RETENTION_MS = 7 * 86_400_000;

/** Stale rows are swept every this many writes (claims, hits, webhook inserts, appends). */
export const SWEEP_EVERY = 1024;

/** Default of `StoreOptions.idempotencyLeaseMs`. */
export const DEFAULT_IDEMPOTENCY_LEASE_MS = 15_000;

interface IdempotencyEntry {
  requestHash: string;
  expiresAt: number;
  /** While pending: when another claim may take the key over. */
  leaseUntil: number;
  done?: { status: number; body: unknown };
}

interface OwnerEntry {
  owner: string;
  relation: OwnerRelation;
  createdAt: number;
  /** Insertion order, the tie-break for equal `createdAt` in `listOwned`. */
  seq: number;
}

/**
 * A store that keeps everything in this process's memory: for tests and single-process
 * demos. Nothing survives a restart; `subscribe` only sees this instance's `appendEvent`s.
 * Values read back are JSON copies of what was written, as with the SQL stores.
 */
export function createMemoryStore(options: StoreOptions = {}): BrokerStore {
  const now = options.now ?? Date.now;
  const leaseMs = options.idempotencyLeaseMs ?? DEFAULT_IDEMPOTENCY_LEASE_MS;
  const owners = new Map<string, OwnerEntry>();
  const idempotency = new Map<string, IdempotencyEntry>();
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const events = new Map<string, StreamEvent[]>();
  const linkedUsers = new Map<string, string>();
  const onceMarkers = new Set<string>();
  const rateLimits = new Map<string, { hits: number; resetAt: number }>();
  const listeners = createListenerSet(options.onError);
  let lastEventId = 0;
  let ownerSeq = 0;
  let writes = 0;
  let closed = false;

  const ownerKey = (kind: ResourceKind, id: string) => `${kind}\u0000${id}`;
  const open = () => {
    if (closed) throw new Error('@dotskit/broker: the memory store is closed');
  };
  const sweep = () => {
    const at = now();
    const cutoff = at - retentionMs;
    for (const [key, entry] of idempotency) if (entry.expiresAt <= at) idempotency.delete(key);
    for (const [key, entry] of rateLimits) if (entry.resetAt <= at) rateLimits.delete(key);
    outbox.sweep(cutoff);
    for (const [owner, list] of events) {
      const kept = list.filter((e) => e.createdAt > cutoff);
      if (kept.length === 0) events.delete(owner);
      else if (kept.length !== list.length) events.set(owner, kept);
    }
  };
  const wrote = () => {
    if (++writes % SWEEP_EVERY === 0) sweep();
  };

  const outbox = createMemoryOutbox({ now, open, wrote });

  return {
    kind: 'memory',
    idempotencyLeaseMs: leaseMs,
    async init() {
      open();
      sweep();
    },
    async ping() {
      open();
    },
    async close() {
      closed = true;
      listeners.clear();
    },

    async recordOwner(kind, id, owner, relation = 'owner') {
      open();
      const key = ownerKey(kind, id);
      if (!owners.has(key)) owners.set(key, { owner, relation, createdAt: now(), seq: ownerSeq++ });
    },
    async getOwner(kind, id) {
      open();
      const entry = owners.get(ownerKey(kind, id));
      return entry && { owner: entry.owner, relation: entry.relation };
    },
    async listOwned(kind, owner, limit, relation) {
      open();
      const prefix = `${kind}\u0000`;
      const mine: Array<{ id: string; entry: OwnerEntry }> = [];
      for (const [key, entry] of owners) {
        if (relation && entry.relation !== relation) continue;
        if (entry.owner === owner && key.startsWith(prefix))
          mine.push({ id: key.slice(prefix.length), entry });
      }
      mine.sort((a, b) => b.entry.createdAt - a.entry.createdAt || b.entry.seq - a.entry.seq);
      return mine.slice(0, Math.max(0, limit)).map((m) => m.id);
    },

    async claimIdempotency(key, requestHash, ttlMs): Promise<IdempotencyClaim> {
      open();
      const at = now();
      wrote();
      const entry = idempotency.get(key);
      if (!entry || entry.expiresAt <= at || (!entry.done && entry.leaseUntil <= at)) {
        idempotency.set(key, {
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
      const entry = idempotency.get(key);
      if (entry && !entry.done) entry.done = { status, body: jsonClone(body) };
    },
    async renewIdempotencyLease(key) {
      open();
      const entry = idempotency.get(key);
      if (entry && !entry.done) entry.leaseUntil = now() + leaseMs;
    },
    async releaseIdempotency(key) {
      open();
      const entry = idempotency.get(key);
      if (entry && !entry.done) idempotency.delete(key);
    },

    ...outbox.methods,

    async appendEvent(owner, type, data) {
      open();
      wrote();
      const event: StreamEvent = {
        id: ++lastEventId,
        owner,
        type,
        data: jsonClone(data),
        createdAt: now(),
      };
      const list = events.get(owner) ?? [];
      if (list.length === 0) events.set(owner, list);
      list.push(event);
      listeners.emit({ ...event, data: jsonClone(event.data) });
      return { ...event, data: jsonClone(event.data) };
    },
    async eventsSince(owner, afterId, limit) {
      open();
      const list = events.get(owner) ?? [];
      // Ids are ascending: binary search for the first id > afterId.
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((list[mid] as StreamEvent).id <= afterId) lo = mid + 1;
        else hi = mid;
      }
      return list
        .slice(lo, lo + Math.max(0, limit))
        .map((e) => ({ ...e, data: jsonClone(e.data) }));
    },
    subscribe(listener) {
      open();
      return listeners.add(listener);
    },

    async linkUser(owner, dotsUserId) {
      open();
      const current = linkedUsers.get(owner);
      if (current !== undefined) return current;
      linkedUsers.set(owner, dotsUserId);
      return dotsUserId;
    },
    async replaceLinkedUser(owner, dotsUserId) {
      open();
      linkedUsers.set(owner, dotsUserId);
    },
    async markOnce(key) {
      open();
      if (onceMarkers.has(key)) return false;
      onceMarkers.add(key);
      return true;
    },
    async getLinkedUser(owner) {
      open();
      return linkedUsers.get(owner);
    },

    async hitRateLimit(key, windowMs) {
      open();
      wrote();
      const at = now();
      const entry = rateLimits.get(key);
      if (!entry || entry.resetAt <= at) {
        const fresh = { hits: 1, resetAt: at + windowMs };
        rateLimits.set(key, fresh);
        return { ...fresh };
      }
      entry.hits += 1;
      return { ...entry };
    },
    async decrementRateLimit(key) {
      open();
      const entry = rateLimits.get(key);
      if (entry && entry.hits > 0 && entry.resetAt > now()) entry.hits -= 1;
    },
    async resetRateLimit(key) {
      open();
      rateLimits.delete(key);
    },
  };
}
