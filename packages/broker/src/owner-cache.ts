import type { BrokerStore, Ownership, ResourceKind } from './store/ports';

/** Reads resource ownership through a bounded in-process cache. */
export interface OwnerLookup {
  /** Who a resource belongs to, or `undefined` when nothing is recorded (never cached). */
  get(kind: ResourceKind, id: string): Promise<Ownership | undefined>;
}

/**
 * Caches ownership found in the store. Safe because a record never changes once written
 * (the store keeps the first); unknown resources are not cached, since another instance
 * may record them at any time. Polling widgets read the same few resources over and over,
 * so most reads skip the store. Oldest entries go first beyond `size`.
 */
export function createOwnerLookup(store: BrokerStore, size = 10_000): OwnerLookup {
  const cache = new Map<string, Ownership>();
  return {
    async get(kind, id) {
      const key = `${kind}\u0000${id}`;
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const found = await store.getOwner(kind, id);
      if (found === undefined) return undefined;
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      cache.set(key, found);
      return found;
    },
  };
}
