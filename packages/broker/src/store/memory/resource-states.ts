import { jsonClone } from '../json';
import type { ResourceStatePort } from '../ports';
import type { MemoryPart, MemoryPortContext } from './context';

interface StateEntry {
  kind: string;
  id: string;
  owner: string;
  status: string;
  data: unknown;
  createdAt: number;
}

/** `saveResourceState`, done synchronously (for `commitCreate`). */
export type SaveStateNow = (...args: Parameters<ResourceStatePort['saveResourceState']>) => void;

/**
 * The resource-state port in memory, with the SQL stores' order and cursor semantics;
 * `save` is `saveResourceState` without the store checks.
 */
export function memoryResourceStates(
  ctx: MemoryPortContext,
): MemoryPart<ResourceStatePort> & { save: SaveStateNow } {
  const { now, open } = ctx;
  const states = new Map<string, StateEntry>();
  // Strictly increasing, as in the SQL stores: one millisecond keeps its order.
  let last = 0;
  const keyOf = (kind: string, id: string) => `${kind}\u0000${id}`;
  const newer = (a: StateEntry, b: StateEntry) =>
    b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  const save: SaveStateNow = (kind, id, owner, status, data) => {
    const found = states.get(keyOf(kind, id));
    if (found) {
      if (found.owner === owner) Object.assign(found, { status, data: jsonClone(data) });
      return;
    }
    last = Math.max(now(), last + 1);
    states.set(keyOf(kind, id), {
      kind,
      id,
      owner,
      status,
      data: jsonClone(data),
      createdAt: last,
    });
  };
  return {
    sweep: () => undefined,
    save,
    methods: {
      async saveResourceState(kind, id, owner, status, data) {
        open();
        save(kind, id, owner, status, data);
      },
      async listResourceStates(kind, owner, page) {
        open();
        const mine = [...states.values()]
          .filter((s) => s.kind === kind && s.owner === owner)
          .filter((s) => page.status === undefined || s.status === page.status)
          .sort(newer);
        let start = 0;
        if (page.startingAfter !== undefined) {
          const cursor = states.get(keyOf(kind, page.startingAfter));
          if (!cursor || cursor.owner !== owner) return { items: [], hasMore: false };
          start = mine.findIndex((s) => newer(cursor, s) < 0);
          if (start < 0) start = mine.length;
        }
        const limit = Math.max(1, Math.floor(page.limit));
        const slice = mine.slice(start, start + limit);
        return { items: slice.map((s) => jsonClone(s.data)), hasMore: mine.length > start + limit };
      },
    },
  };
}
