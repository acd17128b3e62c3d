import type { CompiledQuery, Kysely } from 'kysely';
import type { NewJob, StreamEvent, StreamListener } from '../ports';
import type { BrokerDatabase } from '../schema';
import type { SqlProgram } from './program';
import type { StreamEventRow } from './rows';
import type { SqlStatements } from './statements';

/** Runs a program: `atomic` ones in one transaction, others statement by statement. */
export type ProgramRunner = <T>(program: SqlProgram<T>, atomic: boolean) => Promise<T>;

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
  /**
   * Runs the programs (`claimIdempotency`, `appendEvent`, `commitCreate`). Default: through
   * Kysely, an atomic program in one `db.transaction()`.
   */
  run?: ProgramRunner;
  /**
   * Runs one statement outside any program (reads, single writes); resolves with its rows.
   * Default: Kysely's `executeQuery`.
   */
  query?(query: CompiledQuery): Promise<unknown[]>;
  /** Stores a job unless its id is known; default: one `INSERT … ON CONFLICT`. */
  enqueueJob?(job: NewJob, payload: string, dueAt: number, attempts: number): Promise<boolean>;
  /** Marks a job done at `at`; default: one `UPDATE`. */
  completeJob?(id: string, at: number): Promise<void>;
  /** Moves a pending job's due time to `at`; default: one `UPDATE`. */
  moveJob?(id: string, at: number): Promise<void>;
  /**
   * The statement that inserts one event (JSON text in `data`) and returns its row
   * (`StreamEventRow`). Default: `INSERT … RETURNING`.
   */
  insertEvent?(
    owner: string,
    type: string,
    data: string,
    createdAt: number,
  ): CompiledQuery<StreamEventRow>;
  /** Called with events once they are committed: notify this process's subscribers. */
  published(events: StreamEvent[]): void;
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
  /** The request path's statements, compiled once (`statements.ts`). */
  statements: SqlStatements;
  /** Runs one statement (`SqlStoreConfig.query` or Kysely's `executeQuery`); resolves with its rows. */
  query(query: CompiledQuery): Promise<unknown[]>;
  /** The dialect's program runner (`SqlStoreConfig.run` or the Kysely default). */
  run: ProgramRunner;
  /** The dialect's event insert (`SqlStoreConfig.insertEvent` or the default). */
  insertEvent: NonNullable<SqlStoreConfig['insertEvent']>;
  /**
   * Time for a resource state saved now: strictly increasing in this store, so that
   * resources saved in one millisecond keep their order.
   */
  stateTime(): number;
}
