/**
 * The broker's persistence contract. One interface, three implementations: memory
 * (tests), SQLite (embedded default) and PostgreSQL (many broker instances). Every method
 * is async so that the SQL implementations can share one Kysely schema.
 */

/** Kinds of Dots resources the broker records an owner for. */
export type ResourceKind = 'flow' | 'payout_link' | 'transfer' | 'payout_batch' | 'user';

/**
 * How a principal relates to a resource: `owner` when the principal created it (or the host
 * assigned it); `follower` when it only follows the resource's status because it points
 * from something the principal owns (a payout link's claim flow and transfer). Both may
 * read it; only an owned flow can link a Dots user to the principal.
 */
export type OwnerRelation = 'owner' | 'follower';

/** Who a resource belongs to, and how. */
export interface Ownership {
  /** The principal's `sub`. */
  owner: string;
  relation: OwnerRelation;
}

/** Who owns a resource: the host principal's `sub`. */
export interface OwnershipRecord {
  kind: ResourceKind;
  /** The Dots id of the resource. */
  id: string;
  /** The principal (`sub`) that created it through the broker. */
  owner: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

/** Result of claiming an idempotency key. */
export type IdempotencyClaim =
  /** First use: the caller must do the work, then `completeIdempotency` or `releaseIdempotency`. */
  | { state: 'claimed' }
  /** Another request with the same key and body is in flight (possibly on another instance). */
  | { state: 'pending' }
  /** Done before: replay this response without calling Dots. */
  | { state: 'done'; status: number; body: unknown }
  /** Same key, different request body: answer 409. */
  | { state: 'mismatch' };

/** A webhook event as received from Dots (after signature verification). */
export interface WebhookEventRecord {
  /** The `svix-id` header: stable across retries, the deduplication key. */
  svixId: string;
  type: string;
  payload: unknown;
  /** Epoch milliseconds. */
  receivedAt: number;
}

/** A stored webhook event handed out for processing by `claimDueWebhookEvents`. */
export interface DueWebhookEvent extends WebhookEventRecord {
  /** Processing attempts claimed so far, this one included (the receiver's own is the first). */
  attempts: number;
}

/** A payout batch the broker follows until it completes (Dots sends no batch webhooks). */
export interface BatchWatch {
  batchId: string;
  /** The principal the batch belongs to. */
  owner: string;
  /** What was last published (status and counts, as canonical JSON), to publish changes only. */
  progress: string;
  /** The current poll interval in ms (backoff). */
  delayMs: number;
  /** Epoch ms when following began; following ends after a while even if never completed. */
  startedAt: number;
}

/** An event on a principal's SSE stream. */
export interface StreamEvent {
  /** Monotonic id, used as the SSE `id:` line and for `Last-Event-ID` replay. */
  id: number;
  owner: string;
  /** e.g. `flow.updated`, `flow.completed`, `payout_link.updated`, `transfer.updated`. */
  type: string;
  data: unknown;
  /** Epoch milliseconds. */
  createdAt: number;
}

/** Listener for events appended by any instance sharing the store. */
export type StreamListener = (event: StreamEvent) => void;

/** The broker store. */
export interface BrokerStore {
  /** Which implementation: shown by the bin at start-up and on /readyz. */
  readonly kind: 'memory' | 'sqlite' | 'postgres';
  /** How long a pending idempotency claim holds its key unless renewed (`StoreOptions.idempotencyLeaseMs`). */
  readonly idempotencyLeaseMs: number;
  /** Runs migrations; idempotent. Must be awaited before any other call. */
  init(): Promise<void>;
  /** Cheap liveness query for /readyz; rejects when the store is unreachable. */
  ping(): Promise<void>;
  /** Releases connections and listeners. */
  close(): Promise<void>;

  /**
   * Records who owns a resource and how (default `owner`); recording the same (kind, id)
   * again keeps the first record, relation included.
   */
  recordOwner(
    kind: ResourceKind,
    id: string,
    owner: string,
    relation?: OwnerRelation,
  ): Promise<void>;
  /** Who a resource belongs to, or `undefined` when the broker never recorded it. */
  getOwner(kind: ResourceKind, id: string): Promise<Ownership | undefined>;
  /** Ids of the resources of one kind of a principal (of one relation, if given), newest first. */
  listOwned(
    kind: ResourceKind,
    owner: string,
    limit: number,
    relation?: OwnerRelation,
  ): Promise<string[]>;

  /**
   * Claims `key` (already scoped by the caller, e.g. `${owner}:${route}:${clientKey}`) for a
   * request whose canonical body hashes to `requestHash`. Keys expire after `ttlMs`.
   */
  claimIdempotency(key: string, requestHash: string, ttlMs: number): Promise<IdempotencyClaim>;
  /** Stores the response of a claimed key, so later claims replay it. */
  completeIdempotency(key: string, status: number, body: unknown): Promise<void>;
  /**
   * Extends a pending claim's lease to `idempotencyLeaseMs` from now (an expired key can be
   * claimed whatever its lease):
   * called while its request still runs, so that only a dead process's claim is taken over.
   */
  renewIdempotencyLease(key: string): Promise<void>;
  /** Forgets a claimed key whose request failed, so that a retry can try again. */
  releaseIdempotency(key: string): Promise<void>;

  /**
   * Stores a verified webhook event, unprocessed and claimed by the caller (attempt 1)
   * for `leaseMs` (default 15 s): if the caller dies before `markWebhookProcessed`, the
   * event becomes due again when the lease ends. Resolves `false` when the svix id was
   * seen before (nothing is changed then).
   */
  insertWebhookEvent(event: WebhookEventRecord, leaseMs?: number): Promise<boolean>;
  /**
   * Claims up to `limit` unprocessed events whose lease has ended, the longest due (in no
   * particular order in the result): each
   * one's lease is moved `leaseMs` ahead and its attempts counted, in one atomic step, so
   * that two instances never claim the same event at once.
   */
  claimDueWebhookEvents(limit: number, leaseMs: number): Promise<DueWebhookEvent[]>;
  /** Marks an event processed (published, or given up on): it is never due again. */
  markWebhookProcessed(svixId: string): Promise<void>;
  /**
   * Makes an unprocessed event due again in `delayMs`: a retry after a failure, or (with the
   * lease length) the renewal of a claim still being worked on.
   */
  retryWebhookEvent(svixId: string, delayMs: number): Promise<void>;
  /** Number of unprocessed events that are due now or within `withinMs`. */
  countPendingWebhookEvents(withinMs: number): Promise<number>;
  /** Number of stored webhook events (for tests, metrics and benchmarks). */
  countWebhookEvents(): Promise<number>;

  /**
   * Saves a batch watch that becomes due in `dueInMs` (until then no claim hands it out, so
   * the instance polling it keeps it): inserts it, or updates its progress and delay (owner
   * and start stay). With `existingOnly`, a watch deleted meanwhile is not brought back.
   */
  saveBatchWatch(watch: BatchWatch, dueInMs: number, existingOnly?: boolean): Promise<void>;
  /** Claims up to `limit` due batch watches for `leaseMs`, atomically (one claimer each). */
  claimDueBatchWatches(limit: number, leaseMs: number): Promise<BatchWatch[]>;
  /** Stops following a batch. */
  deleteBatchWatch(batchId: string): Promise<void>;

  /** Appends an event to a principal's stream and notifies every subscriber (all instances). */
  appendEvent(owner: string, type: string, data: unknown): Promise<StreamEvent>;
  /** Events of `owner` with id greater than `afterId`, oldest first, at most `limit`. */
  eventsSince(owner: string, afterId: number, limit: number): Promise<StreamEvent[]>;
  /** Subscribes to appended events of every owner; returns the unsubscribe function. */
  subscribe(listener: StreamListener): () => void;

  /**
   * Links a Dots user to a principal that has none; an existing link is kept (first wins,
   * atomically). Resolves with the Dots user id linked after the call: `dotsUserId`, or
   * the other one that was linked before (a conflict the caller must handle).
   */
  linkUser(owner: string, dotsUserId: string): Promise<string>;
  /** Replaces a principal's link: only for an explicit host call that says so. */
  replaceLinkedUser(owner: string, dotsUserId: string): Promise<void>;
  /**
   * Records that something happened once (e.g. `flow.completed` for a flow); resolves
   * `true` the first time a key is marked, `false` ever after, across instances.
   */
  markOnce(key: string): Promise<boolean>;
  /** The Dots user id linked to a principal, if any. */
  getLinkedUser(owner: string): Promise<string | undefined>;

  /**
   * Counts a hit for a rate-limit key in a fixed window of `windowMs`; shared by all
   * instances on the same store. Returns the hits so far in the window and when it resets.
   */
  hitRateLimit(key: string, windowMs: number): Promise<{ hits: number; resetAt: number }>;
  /** Removes one hit (express-rate-limit's `decrement`). */
  decrementRateLimit(key: string): Promise<void>;
  /** Clears a key (express-rate-limit's `resetKey`). */
  resetRateLimit(key: string): Promise<void>;
}
