import type { ColumnType, Generated } from 'kysely';

/**
 * An epoch-milliseconds or counter column stored as a 64-bit integer. `pg` returns int8 as
 * a string (to keep precision), SQLite as a number: always read it through `Number()`.
 */
type BigIntColumn = ColumnType<number | string, number, number>;

/** Who owns each resource created through the broker. */
export interface OwnershipTable {
  kind: string;
  id: string;
  owner: string;
  /** `owner` or `follower` (see `OwnerRelation`). */
  relation: ColumnType<'owner' | 'follower', 'owner' | 'follower' | undefined, never>;
  created_at: BigIntColumn;
}

/** The latest state of owned resources, for their owner's lists. */
export interface ResourceStatesTable {
  kind: string;
  id: string;
  owner: string;
  status: string;
  /** JSON text of the resource. */
  data: string;
  /** When the broker first saw it: the list order. */
  created_at: BigIntColumn;
  updated_at: BigIntColumn;
}

/** Things that happen once per key (`flow.completed` for a flow, `onUserLinked` for a link). */
export interface OnceMarkersTable {
  key: string;
  created_at: BigIntColumn;
}

/** Idempotency keys: `pending` while the first request runs, `done` with its response. */
export interface IdempotencyTable {
  key: string;
  request_hash: string;
  /** HTTP status of the stored response; null while pending. */
  status: number | null;
  /** JSON text of the stored response body; null while pending. */
  response: string | null;
  state: 'pending' | 'done';
  expires_at: BigIntColumn;
  /** While pending: when another claim may take the key over (its request is presumed dead). */
  lease_until: BigIntColumn;
}

/**
 * Background jobs of every kind (webhook events to publish, payout batches to follow),
 * claimed with a lease: a job is due when `due_at` has passed and it is not done.
 */
export interface JobsTable {
  id: string;
  kind: string;
  /** JSON text. */
  payload: string;
  created_at: BigIntColumn;
  /** When the job is due: its next run, or the end of its current holder's lease. */
  due_at: BigIntColumn;
  /** Claims so far. */
  attempts: ColumnType<number, number | undefined, number>;
  /** When the job finished or was given up on; null while pending. */
  done_at: ColumnType<number | string | null, number | null | undefined, number | null>;
}

/** Per-principal SSE events; `id` is the monotonic SSE id. */
export interface StreamEventsTable {
  id: Generated<number | string>;
  owner: string;
  type: string;
  /** JSON text. */
  data: string;
  created_at: BigIntColumn;
}

/** The Dots user linked to each principal. */
export interface LinkedUsersTable {
  owner: string;
  dots_user_id: string;
  updated_at: BigIntColumn;
}

/** Fixed-window rate-limit counters. */
export interface RateLimitsTable {
  key: string;
  hits: number;
  reset_at: BigIntColumn;
}

/** The broker's database, shared by the SQLite and PostgreSQL stores. */
export interface BrokerDatabase {
  ownership: OwnershipTable;
  idempotency: IdempotencyTable;
  jobs: JobsTable;
  stream_events: StreamEventsTable;
  linked_users: LinkedUsersTable;
  rate_limits: RateLimitsTable;
  once_markers: OnceMarkersTable;
  resource_states: ResourceStatesTable;
}
