import type { OwnerRelation, OwnershipPort, ResourceKind } from '../ports';
import type { MemoryPart, MemoryPortContext } from './context';

interface OwnerEntry {
  owner: string;
  relation: OwnerRelation;
  createdAt: number;
  /** Insertion order, the tie-break for equal `createdAt` in `listOwned`. */
  seq: number;
}

/** `recordOwner`, done synchronously (for `commitCreate`). */
export type RecordOwnerNow = (
  kind: ResourceKind,
  id: string,
  owner: string,
  relation?: OwnerRelation,
) => void;

/** The ownership port in memory; `record` is `recordOwner` without the store checks. */
export function memoryOwnership(
  ctx: MemoryPortContext,
): MemoryPart<OwnershipPort> & { record: RecordOwnerNow } {
  const { now, open } = ctx;
  const owners = new Map<string, OwnerEntry>();
  let seq = 0;
  const keyOf = (kind: ResourceKind, id: string) => `${kind}\u0000${id}`;
  const record: RecordOwnerNow = (kind, id, owner, relation = 'owner') => {
    const key = keyOf(kind, id);
    if (!owners.has(key)) owners.set(key, { owner, relation, createdAt: now(), seq: seq++ });
  };
  return {
    sweep: () => undefined,
    record,
    methods: {
      async recordOwner(kind, id, owner, relation) {
        open();
        record(kind, id, owner, relation);
      },
      async getOwner(kind, id) {
        open();
        const entry = owners.get(keyOf(kind, id));
        return entry && { owner: entry.owner, relation: entry.relation };
      },
      async listOwned(kind, owner, limit, relation) {
        open();
        const prefix = `${kind}\u0000`;
        const mine: Array<{ id: string; entry: OwnerEntry }> = [];
        for (const [key, entry] of owners) {
          if (relation && entry.relation !== relation) continue;
          if (entry.owner === owner && key.startsWith(prefix))
            mine.push({ id: key.slice(prefix.length), entry });
        }
        mine.sort((a, b) => b.entry.createdAt - a.entry.createdAt || b.entry.seq - a.entry.seq);
        return mine.slice(0, Math.max(0, limit)).map((m) => m.id);
      },
    },
  };
}
