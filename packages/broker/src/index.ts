// Public API of @dotskit/broker. Nothing else is public.

export type { LinkUserOptions } from './commands/link-user';
export type { WalletBalance } from './commands/read-wallet';
export type {
  BrokerCallOptions,
  BrokerListApi,
  BrokerListPage,
  BrokerListQuery,
  BrokerResourceApi,
  BrokerServerApi,
} from './commands/server-api';
export type { BrokerRuntime } from './core/create-core';
export type { Broker } from './create-broker';
export { createBroker } from './create-broker';
export type { BrokerErrorCode, BrokerErrorOptions } from './errors';
export { BrokerError, brokerErrorStatus } from './errors';
export type { BrokerEventType } from './events';
export { BrokerRateLimitStore } from './http/rate-limit';
export type { UserLinkConflict, UserLinkSource } from './identity/identity';
export type { KeepAliveFetchOptions } from './keep-alive-fetch';
export { createKeepAliveFetch } from './keep-alive-fetch';
export { DEFAULT_DATABASE_URL, openStore } from './open-store';
export type {
  CreateCommit,
  CreateCommitPort,
  CreateRecords,
  NewOwnership,
  NewResourceState,
  NewStreamEvent,
} from './store/commit-port';
export { createStoreFromUrl } from './store/create-store';
export type { StoreOptions } from './store/defaults';
export { createMemoryStore } from './store/memory-store';
export type {
  BrokerStore,
  EventLogPort,
  IdempotencyClaim,
  IdempotencyPort,
  IdentityLinksPort,
  Job,
  JobKind,
  JobsPort,
  NewJob,
  OwnerRelation,
  Ownership,
  OwnershipPort,
  OwnershipRecord,
  RateLimitPort,
  ResourceKind,
  StoreLifecycle,
  StreamEvent,
  StreamListener,
} from './store/ports';
export type { PostgresStoreOptions } from './store/postgres-store';
export { createPostgresStore } from './store/postgres-store';
export type { SqliteStoreOptions } from './store/sqlite-store';
export { createSqliteStore } from './store/sqlite-store';
export type {
  BodyDefaults,
  BrokerAuthConfig,
  BrokerDotsConfig,
  BrokerJwtChecks,
  BrokerOptions,
  BrokerRateLimitOptions,
  BrokerScope,
  Principal,
} from './types';
