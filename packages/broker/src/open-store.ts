import { createStoreFromUrl } from './store/create-store';
import type { BrokerStore } from './store/ports';

/** Default store URL of the broker and its bin. */
export const DEFAULT_DATABASE_URL = 'sqlite:.data/dotskit.db';

/** Opens the store a `databaseUrl` names: `memory:`, `sqlite:<path>` or `postgres://…`; throws on anything else. */
export function openStore(url: string): BrokerStore {
  return createStoreFromUrl(url);
}
