import type { Kysely } from 'kysely';
import type { NewJob, StreamEvent, StreamListener } from '../ports';
import type { BrokerDatabase } from '../schema';

/** What a SQL dialect adds to the shared implementation. */
export interface SqlStoreConfig {
  kind: 'sqlite' | 'postgres';
  db: Kysely<BrokerDatabase>;
  now: () => number;
  /** See `StoreOptions.idempotencyLeaseMs`. */
  leaseMs: number;
  /** See `StoreOptions.retentionMs`. */
  retentionMs: number;
  /** Runs migrations and starts whatever the dialect needs (e.g. the LISTEN client). */
  init(): Promise<void>;
  /** Stops the dialect's extras; the shared part then destroys `db`. */
  stop(): Promise<void>;
  /** Stores a job unless its id is known; default: one `INSERT … ON CONFLICT`. */
  enqueueJob?(job: NewJob, payload: string, dueAt: number, attempts: number): Promise<boolean>;
  /** Marks a job done at `at`; default: one `UPDATE`. */
  completeJob?(id: string, at: number): Promise<void>;
  /** Moves a pending job's due time to `at`; default: one `UPDATE`. */
  moveJob?(id: string, at: number): Promise<void>;
  /** Inserts the event (JSON text in `data`) and notifies subscribers. */
  appendEvent(owner: string, type: string, data: string, createdAt: number): Promise<StreamEvent>;
  subscribe(listener: StreamListener): () => void;
}

/** What each SQL port implementation gets from the store that composes them. */
export interface SqlPortContext {
  config: SqlStoreConfig;
  db: Kysely<BrokerDatabase>;
  now: () => number;
  /** Throws once the store is closed. */
  open(): void;
  /** Counts a write towards the periodic retention sweep (and may run it). */
  wrote(): Promise<void>;
}
