import type { BrokerStore, ResourceKind } from './store/types';

/** Reads resource owners through a bounded in-process cache. */
export interface OwnerLookup {
  /** The owner of a resource, or `undefined` when none is recorded (never cached). */
  get(kind: ResourceKind, id: string): Promise<string | undefined>;
}

/**
 * Caches owners found in the store. Safe because ownership never changes once recorded
 * (the store keeps the first owner); unknown resources are not cached, since another
 * instance may record them at any time. Polling widgets read the same few resources over
 * and over, so most reads skip the store. Oldest entries go first beyond `size`.
 */
export function createOwnerLookup(store: BrokerStore, size = 10_000): OwnerLookup {
  const cache = new Map<string, string>();
  return {
    async get(kind, id) {
      const key = `${kind}\u0000${id}`;
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const owner = await store.getOwner(kind, id);
      if (owner === undefined) return undefined;
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      cache.set(key, owner);
      return owner;
    },
  };
}
