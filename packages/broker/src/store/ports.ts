import type { CreateCommitPort } from './commit-port';

/**
 * The broker's persistence contract: small ports, each with its own contract suite, three
 * implementations of all (memory, SQLite, PostgreSQL). Every method is async so that the
 * SQL implementations can share one Kysely schema.
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
  /** First use: do the work, then `completeIdempotency` (or `commitCreate`) or `releaseIdempotency`. */
  | { state: 'claimed' }
  /** Another request with the same key and body is in flight (possibly on another instance). */
  | { state: 'pending' }
  /** Done before: replay this response without calling Dots. */
  | { state: 'done'; status: number; body: unknown }
  /** Same key, different request body: answer 409. */
  | { state: 'mismatch' };

/** Kinds of background jobs: a stored webhook event to publish, a payout batch to follow. */
export type JobKind = 'webhook' | 'batch';

/** A job to store (see `JobsPort.enqueueJob`). */
export interface NewJob {
  /** Unique per job; a second job with the same id is not stored (deduplication). */
  id: string;
  kind: JobKind;
  /** JSON-serialisable. */
  payload: unknown;
}

/** A stored job handed out by `claimDueJobs` (or held by the instance that enqueued it). */
export interface Job extends NewJob {
  /** Claims so far, this one included (the enqueuer's own run is the first when it holds the lease). */
  attempts: number;
  /** Epoch milliseconds. */
  createdAt: number;
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

/** Opening, checking and closing a store. */
export interface StoreLifecycle {
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
}

/** Who each resource belongs to, and how. */
export interface OwnershipPort {
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
}

/** A page of a principal's resources (see `ResourceStatePort.listResourceStates`). */
export interface ResourcePage {
  /** The resources' latest states, newest first. */
  items: unknown[];
  hasMore: boolean;
}

/** The latest state of each owned transfer and payout link, for a principal's lists. */
export interface ResourceStatePort {
  /**
   * Stores the latest state of a resource for its owner's lists; the first save fixes its
   * owner and its place in the list (creation order), later ones replace status and data.
   */
  saveResourceState(
    kind: ResourceKind,
    id: string,
    owner: string,
    status: string,
    data: unknown,
  ): Promise<void>;
  /**
   * One page of an owner's resources of one kind, newest first: at most `limit`, after the
   * resource `startingAfter` (the last id of the previous page; unknown → an empty page),
   * of one `status` if given. One index-backed query.
   */
  listResourceStates(
    kind: ResourceKind,
    owner: string,
    page: { limit: number; startingAfter?: string; status?: string },
  ): Promise<ResourcePage>;
}

/** Idempotency keys of create requests. */
export interface IdempotencyPort {
  /**
   * Claims `key` (already scoped by the caller, e.g. `${owner}:${route}:${clientKey}`) for a
   * request whose canonical body hashes to `requestHash`. Keys expire after `ttlMs`.
   */
  claimIdempotency(key: string, requestHash: string, ttlMs: number): Promise<IdempotencyClaim>;
  /** Stores the response of a claimed key, so later claims replay it. */
  completeIdempotency(key: string, status: number, body: unknown): Promise<void>;
  /**
   * Extends a pending claim's lease to `idempotencyLeaseMs` from now (an expired key can be claimed
   * whatever its lease): called while its request runs, so only a dead process's claim is taken over.
   */
  renewIdempotencyLease(key: string): Promise<void>;
  /** Forgets a claimed key whose request failed, so that a retry can try again. */
  releaseIdempotency(key: string): Promise<void>;
}

/** Principals' event streams (the SSE replay source) and once-markers. */
export interface EventLogPort {
  /** Appends an event to a principal's stream and notifies every subscriber (all instances). */
  appendEvent(owner: string, type: string, data: unknown): Promise<StreamEvent>;
  /** Events of `owner` with id greater than `afterId`, oldest first, at most `limit`. */
  eventsSince(owner: string, afterId: number, limit: number): Promise<StreamEvent[]>;
  /** Subscribes to appended events of every owner; returns the unsubscribe function. */
  subscribe(listener: StreamListener): () => void;
  /**
   * Records that something happened once (e.g. `flow.completed` for a flow); resolves
   * `true` the first time a key is marked, `false` ever after, across instances.
   */
  markOnce(key: string): Promise<boolean>;
}

/** Which Dots user each principal is. */
export interface IdentityLinksPort {
  /**
   * Links a Dots user to a principal that has none; an existing link is kept (first wins,
   * atomically). Resolves with the Dots user id linked after the call: `dotsUserId`, or
   * the other one that was linked before (a conflict the caller must handle).
   */
  linkUser(owner: string, dotsUserId: string): Promise<string>;
  /** Replaces a principal's link: only for an explicit host call that says so. */
  replaceLinkedUser(owner: string, dotsUserId: string): Promise<void>;
  /** The Dots user id linked to a principal, if any. */
  getLinkedUser(owner: string): Promise<string | undefined>;
}

/** Background work: one table of leased jobs, claimed by any instance. */
export interface JobsPort {
  /**
   * Stores a job unless one with its id exists (then resolves `false`, nothing changes).
   * With `leaseMs` the caller holds it (attempt 1) and it becomes due when the lease ends
   * unless completed first (an enqueuer that dies leaves it to any instance); otherwise it
   * is due in `dueInMs` (default 0).
   */
  enqueueJob(job: NewJob, options?: { leaseMs?: number; dueInMs?: number }): Promise<boolean>;
  /**
   * Claims up to `limit` due jobs (not done, due time reached), the longest due first: each
   * one's due time moves `leaseMs` ahead and its attempts are counted, in one atomic step,
   * so that two instances never claim the same job at once.
   */
  claimDueJobs(limit: number, leaseMs: number): Promise<Job[]>;
  /** Moves a job that is not done `leaseMs` ahead: the holder is still working on it. */
  extendJobLease(id: string, leaseMs: number): Promise<void>;
  /** Makes a job that is not done due again in `dueInMs`, with a new payload if given. */
  rescheduleJob(id: string, dueInMs: number, payload?: unknown): Promise<void>;
  /** Marks a job done (finished or given up on): never due again; kept for deduplication until retention ends. */
  completeJob(id: string): Promise<void>;
  /** Jobs not done that are due now or within `withinMs`. */
  countPendingJobs(withinMs: number): Promise<number>;
  /** Stored jobs (of one kind, if given), done or not: for tests, metrics and benchmarks. */
  countJobs(kind?: JobKind): Promise<number>;
}

/** Rate-limit counters shared by instances. */
export interface RateLimitPort {
  /** Counts a hit for `key` in a fixed window of `windowMs` (all instances on the store agree): hits so far, reset time. */
  hitRateLimit(key: string, windowMs: number): Promise<{ hits: number; resetAt: number }>;
  /** Removes one hit (express-rate-limit's `decrement`). */
  decrementRateLimit(key: string): Promise<void>;
  /** Clears a key (express-rate-limit's `resetKey`). */
  resetRateLimit(key: string): Promise<void>;
}

/** The broker store: the ports above and `CreateCommitPort` (`commit-port.ts`), in memory, SQLite and PostgreSQL. */
export type BrokerStore = StoreLifecycle &
  CreateCommitPort &
  OwnershipPort &
  ResourceStatePort &
  IdempotencyPort &
  EventLogPort &
  IdentityLinksPort &
  JobsPort &
  RateLimitPort;
