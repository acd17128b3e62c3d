import type { CreateCommitPort } from '../commit-port';
import { jsonClone } from '../json';
import type { MemoryPortContext } from './context';
import type { memoryEventLog } from './event-log';
import type { memoryIdempotency } from './idempotency';
import type { memoryOwnership } from './ownership';
import type { memoryResourceStates } from './resource-states';

/** The memory parts a create writes to. */
export interface CreateCommitParts {
  idempotency: ReturnType<typeof memoryIdempotency>;
  ownership: ReturnType<typeof memoryOwnership>;
  states: ReturnType<typeof memoryResourceStates>;
  eventLog: ReturnType<typeof memoryEventLog>;
}

/**
 * The create port in memory: every write done synchronously, in `commitCreate`'s order,
 * so that no other store call sees a part of it; subscribers are notified at the end.
 */
export function memoryCommitCreate(
  ctx: MemoryPortContext,
  parts: CreateCommitParts,
): CreateCommitPort {
  return {
    async commitCreate(commit) {
      ctx.open();
      // Anything JSON cannot hold fails here, before the first write: all or nothing.
      jsonClone(commit);
      ctx.wrote();
      const { key, status, body } = commit.idempotency;
      parts.idempotency.complete(key, status, body);
      for (const o of commit.owners ?? [])
        parts.ownership.record(o.kind, o.id, o.owner, o.relation);
      for (const s of commit.states ?? [])
        parts.states.save(s.kind, s.id, s.owner, s.status, s.data);
      const events = parts.eventLog.append(commit.events ?? []);
      parts.eventLog.notify(events);
      return events;
    },
  };
}
