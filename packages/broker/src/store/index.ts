export type { StoreOptions } from './memory-store';
export { createMemoryStore } from './memory-store';
export type {
  BrokerStore,
  IdempotencyClaim,
  OwnershipRecord,
  ResourceKind,
  StreamEvent,
  StreamListener,
  WebhookEventRecord,
} from './types';
