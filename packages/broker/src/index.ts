// Public API of @dotskit/broker. Nothing else is public.

export type { LinkUserOptions } from './commands/link-user';
export type { BrokerCallOptions, BrokerResourceApi, BrokerServerApi } from './commands/server-api';
export type { Broker } from './create-broker';
export { createBroker } from './create-broker';
export type { BrokerErrorCode } from './errors';
export { BrokerError, brokerErrorStatus } from './errors';
export type { BrokerEventType } from './events';
export type { UserLinkConflict, UserLinkSource } from './identity/identity';
export type { KeepAliveFetchOptions } from './keep-alive-fetch';
export { createKeepAliveFetch } from './keep-alive-fetch';
export { DEFAULT_DATABASE_URL, openStore } from './open-store';
export { BrokerRateLimitStore } from './rate-limit';
export type {
  BrokerStore,
  IdempotencyClaim,
  Job,
  JobKind,
  OwnerRelation,
  Ownership,
  OwnershipRecord,
  PostgresStoreOptions,
  ResourceKind,
  SqliteStoreOptions,
  StoreOptions,
  StreamEvent,
  StreamListener,
} from './store';
export {
  createMemoryStore,
  createPostgresStore,
  createSqliteStore,
  createStoreFromUrl,
} from './store';
export type {
  BodyDefaults,
  BrokerAuthConfig,
  BrokerDotsConfig,
  BrokerOptions,
  BrokerRateLimitOptions,
  BrokerScope,
  Principal,
} from './types';
