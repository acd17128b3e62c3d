import type { StoreOptions } from './defaults';
import { createMemoryStore } from './memory-store';
import type { BrokerStore } from './ports';
import { createPostgresStore } from './postgres-store';
import { createSqliteStore } from './sqlite-store';

/** The store URL the bin uses when `DATABASE_URL` is not set. */
export const DEFAULT_STORE_URL = 'sqlite:.data/dotskit.db';

const ACCEPTED =
  '"memory:", "sqlite:<path>" (e.g. "sqlite:.data/dotskit.db") or "postgres://user:pass@host:5432/db"';

/**
 * Makes the store a `DATABASE_URL` names (not yet initialised: await `init()`):
 * - `memory:` → in-process memory store (nothing persists);
 * - `sqlite:<path>` → SQLite file, relative to the working directory (also `sqlite://<path>`,
 *   `sqlite::memory:`); the parent directory is created;
 * - `postgres://…` or `postgresql://…` → PostgreSQL.
 * Anything else throws an Error listing the accepted forms (without echoing the URL,
 * which may hold a password).
 */
export function createStoreFromUrl(url: string, options: StoreOptions = {}): BrokerStore {
  const value = typeof url === 'string' ? url.trim() : '';
  if (value === 'memory:' || value === 'memory://') return createMemoryStore(options);
  if (value.startsWith('sqlite:')) {
    const filename = value.slice('sqlite:'.length).replace(/^\/\//, '');
    if (filename === '')
      throw new TypeError(`[dotskit] "sqlite:" needs a file path. Use ${ACCEPTED}.`);
    return createSqliteStore({ ...options, filename });
  }
  if (/^postgres(ql)?:\/\//.test(value))
    return createPostgresStore({ ...options, connectionString: value });
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  throw new TypeError(
    `[dotskit] unsupported store URL${scheme ? ` (scheme "${scheme}:")` : ''}. Use ${ACCEPTED}.`,
  );
}
