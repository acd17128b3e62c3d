export { createStoreFromUrl, DEFAULT_STORE_URL } from './create-store';
export type { StoreOptions } from './memory-store';
export { createMemoryStore } from './memory-store';
export type { SqlDialectName } from './migrations';
export { brokerMigrations, migrateToLatest } from './migrations';
export type { PgListenState } from './pg-event-feed';
export { EVENTS_CHANNEL } from './pg-event-feed';
export type { PostgresStoreOptions } from './postgres-store';
export { createPostgresStore } from './postgres-store';
export type { BrokerDatabase } from './schema';
export type { SqliteStoreOptions } from './sqlite-store';
export { createSqliteStore } from './sqlite-store';
export type {
  BatchWatch,
  BrokerStore,
  DueWebhookEvent,
  IdempotencyClaim,
  OwnerRelation,
  Ownership,
  OwnershipRecord,
  ResourceKind,
  StreamEvent,
  StreamListener,
  WebhookEventRecord,
} from './types';
