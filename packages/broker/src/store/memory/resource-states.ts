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

/** The resource-state port in memory, with the SQL stores' order and cursor semantics. */
export function memoryResourceStates(ctx: MemoryPortContext): MemoryPart<ResourceStatePort> {
  const { now, open } = ctx;
  const states = new Map<string, StateEntry>();
  // Strictly increasing, as in the SQL stores: one millisecond keeps its order.
  let last = 0;
  const keyOf = (kind: string, id: string) => `${kind}\u0000${id}`;
  const newer = (a: StateEntry, b: StateEntry) =>
    b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  return {
    sweep: () => undefined,
    methods: {
      async saveResourceState(kind, id, owner, status, data) {
        open();
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
