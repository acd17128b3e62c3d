import * as stores from './store';
import type { BrokerStore } from './store/types';

/** Default store URL of the broker and its bin. */
export const DEFAULT_DATABASE_URL = 'sqlite:.data/dotskit.db';

/**
 * Opens the store a `databaseUrl` names: `memory:`, `sqlite:<path>` or `postgres://…`.
 * Uses the stores' own `createStoreFromUrl` when it exists.
 */
export function openStore(url: string): BrokerStore {
  const fromUrl = (stores as Record<string, unknown>).createStoreFromUrl as
    | ((u: string) => BrokerStore)
    | undefined;
  if (fromUrl) return fromUrl(url);
  if (url === 'memory:' || url === 'memory') return stores.createMemoryStore();
  if (url.startsWith('sqlite:'))
    return stores.createSqliteStore({
      filename: url.slice('sqlite:'.length) || DEFAULT_DATABASE_URL.slice(7),
    });
  throw new TypeError(
    `@dotskit/broker: unsupported databaseUrl; use 'memory:', 'sqlite:<path>' or 'postgres://…'.`,
  );
}
