/**
 * The create port: everything a create command writes after its Dots call, committed as
 * one store transaction (see `CreateCommitPort.commitCreate`).
 */
import type { OwnerRelation, ResourceKind, StreamEvent } from './ports';

/** An ownership record a create writes (as `recordOwner`: the first record of a resource wins). */
export interface NewOwnership {
  kind: ResourceKind;
  id: string;
  owner: string;
  /** Default: `owner`. */
  relation?: OwnerRelation;
}

/** A resource's latest state a create writes for its owner's lists (as `saveResourceState`). */
export interface NewResourceState {
  kind: ResourceKind;
  id: string;
  owner: string;
  status: string;
  data: unknown;
}

/** An event a create appends to a principal's stream (as `appendEvent`). */
export interface NewStreamEvent {
  owner: string;
  type: string;
  data: unknown;
  /**
   * A once-marker key (as `markOnce`): when set, the event is appended only if this marker
   * is set now for the first time, in the same transaction. Default: always appended.
   */
  once?: string;
}

/** What a create records besides its idempotency record. Every list defaults to empty. */
export interface CreateRecords {
  owners?: NewOwnership[];
  states?: NewResourceState[];
  events?: NewStreamEvent[];
}

/** One create's writes: the response stored under its claimed idempotency key, and its records. */
export interface CreateCommit extends CreateRecords {
  /**
   * The claimed key and the response later claims replay (as `completeIdempotency`: only a
   * key still pending is completed; the records are written either way).
   */
  idempotency: { key: string; status: number; body: unknown };
}

/** One transaction per create. */
export interface CreateCommitPort {
  /**
   * Writes `commit` atomically, in this order: idempotency completion, owners, states,
   * events (a crash leaves all of it or none of it). Subscribers see the events once the
   * transaction has committed. Resolves with the events appended (those skipped by their
   * `once` marker left out), in order. SQLite batches concurrent commits into one
   * transaction (group commit); PostgreSQL runs one transaction per call.
   */
  commitCreate(commit: CreateCommit): Promise<StreamEvent[]>;
}
