/** The stores' options and every default of theirs, in one place. */

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
   * How long finished jobs (a webhook's svix-id deduplication window) and stream events
   * (the Last-Event-ID replay window) are kept. Older ones, expired idempotency keys and
   * ended rate-limit windows are swept at `init()` and every 1024 writes.
   * Default: 604800000 (7 days).
   */
  retentionMs?: number;
}

/** Default of `StoreOptions.retentionMs`: 7 days. */
export const DEFAULT_RETENTION_MS = 7 * 86_400_000;

/** Stale rows are swept every this many writes (claims, hits, job inserts, appends). */
export const SWEEP_EVERY = 1024;

/** Default of `StoreOptions.idempotencyLeaseMs`. */
export const DEFAULT_IDEMPOTENCY_LEASE_MS = 15_000;

/** Default lease of a job held by the instance that enqueued it or claimed it. */
export const DEFAULT_JOB_LEASE_MS = 15_000;
