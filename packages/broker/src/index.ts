// Public API of @dotskit/broker. Nothing else is public.

export type { Broker } from './create-broker';
export { createBroker } from './create-broker';
export type { BrokerErrorCode } from './errors';
export { BrokerError, brokerErrorStatus } from './errors';
export type { KeepAliveFetchOptions } from './keep-alive-fetch';
export { createKeepAliveFetch } from './keep-alive-fetch';
export { DEFAULT_DATABASE_URL, openStore } from './open-store';
export type { BrokerCallOptions } from './operations';
export type { BrokerEventType } from './publisher';
export { BrokerRateLimitStore } from './rate-limit';
export type { BrokerResourceApi, BrokerServerApi } from './server-api';
export type {
  BatchWatch,
  BrokerStore,
  DueWebhookEvent,
  IdempotencyClaim,
  OwnershipRecord,
  PostgresStoreOptions,
  ResourceKind,
  SqliteStoreOptions,
  StoreOptions,
  StreamEvent,
  StreamListener,
  WebhookEventRecord,
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
  BrokerJwtChecks,
  BrokerOptions,
  BrokerRateLimitOptions,
  BrokerScope,
  Principal,
} from './types';
