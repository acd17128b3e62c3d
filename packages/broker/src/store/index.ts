export { createStoreFromUrl, DEFAULT_STORE_URL } from './create-store';
export type { StoreOptions } from './defaults';
export { createMemoryStore } from './memory-store';
export type { SqlDialectName } from './migrations';
export { brokerMigrations, migrateToLatest } from './migrations';
export type { PgListenState } from './pg-event-feed';
export { EVENTS_CHANNEL } from './pg-event-feed';
export type {
  BrokerStore,
  IdempotencyClaim,
  Job,
  JobKind,
  OwnerRelation,
  Ownership,
  OwnershipRecord,
  ResourceKind,
  StreamEvent,
  StreamListener,
} from './ports';
export type { PostgresStoreOptions } from './postgres-store';
export { createPostgresStore } from './postgres-store';
export type { BrokerDatabase } from './schema';
export type { SqliteStoreOptions } from './sqlite-store';
export { createSqliteStore } from './sqlite-store';
