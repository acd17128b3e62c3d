import type {
  AppRecord,
  FlowRecord,
  PayoutBatchRecord,
  PayoutLinkRecord,
  TransferRecord,
  UserRecord,
} from './types';

/** A stored response kept for an idempotency key: when, its status and its JSON text. */
export interface IdempotentResult {
  at: number;
  status: number;
  json: string;
}

/** The in-memory state of one sandbox. Maps keep insertion order = creation order. */
export interface SandboxStore {
  apps: Map<string, AppRecord>;
  users: Map<string, UserRecord>;
  flows: Map<string, FlowRecord>;
  payoutLinks: Map<string, PayoutLinkRecord>;
  transfers: Map<string, TransferRecord>;
  batches: Map<string, PayoutBatchRecord>;
  /** Keyed by `${appId} ${route} ${idempotency_key}`. */
  idempotency: Map<string, IdempotentResult>;
  /** Next transaction id (Dots uses integers for transactions). */
  nextTransactionId: number;
}

/** Creates an empty store. */
export function createStore(): SandboxStore {
  return {
    apps: new Map(),
    users: new Map(),
    flows: new Map(),
    payoutLinks: new Map(),
    transfers: new Map(),
    batches: new Map(),
    idempotency: new Map(),
    nextTransactionId: 1000,
  };
}

/** Empties every map of `store` in place (the engine keeps its reference). */
export function clearStore(store: SandboxStore): void {
  store.apps.clear();
  store.users.clear();
  store.flows.clear();
  store.payoutLinks.clear();
  store.transfers.clear();
  store.batches.clear();
  store.idempotency.clear();
  store.nextTransactionId = 1000;
}
