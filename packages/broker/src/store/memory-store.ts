import {
  DEFAULT_IDEMPOTENCY_LEASE_MS,
  DEFAULT_RETENTION_MS,
  type StoreOptions,
  SWEEP_EVERY,
} from './defaults';
import type { MemoryPortContext } from './memory/context';
import { memoryCommitCreate } from './memory/create-commit';
import { memoryEventLog } from './memory/event-log';
import { memoryIdempotency } from './memory/idempotency';
import { memoryIdentityLinks } from './memory/identity-links';
import { memoryJobs } from './memory/jobs';
import { memoryOwnership } from './memory/ownership';
import { memoryRateLimits } from './memory/rate-limits';
import { memoryResourceStates } from './memory/resource-states';
import type { BrokerStore } from './ports';

/**
 * A store that keeps everything in this process's memory, one part per port (`memory/`):
 * for tests and single-process demos. Nothing survives a restart; `subscribe` only sees
 * this instance's `appendEvent`s. Values read back are JSON copies of what was written,
 * as with the SQL stores.
 */
export function createMemoryStore(options: StoreOptions = {}): BrokerStore {
  const now = options.now ?? Date.now;
  const leaseMs = options.idempotencyLeaseMs ?? DEFAULT_IDEMPOTENCY_LEASE_MS;
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  let writes = 0;
  let closed = false;
  const ctx: MemoryPortContext = {
    now,
    open: () => {
      if (closed) throw new TypeError('[dotskit] the memory store is closed');
    },
    wrote: () => {
      if (++writes % SWEEP_EVERY === 0) sweep();
    },
  };
  const eventLog = memoryEventLog(ctx, options.onError);
  const ownership = memoryOwnership(ctx);
  const idempotency = memoryIdempotency(ctx, leaseMs);
  const states = memoryResourceStates(ctx);
  const parts = [
    ownership,
    idempotency,
    eventLog,
    memoryIdentityLinks(ctx),
    memoryJobs(ctx),
    memoryRateLimits(ctx),
    states,
  ] as const;
  function sweep() {
    const at = now();
    for (const part of parts) part.sweep(at, at - retentionMs);
  }

  return {
    kind: 'memory',
    idempotencyLeaseMs: leaseMs,
    async init() {
      ctx.open();
      sweep();
    },
    async ping() {
      ctx.open();
    },
    async close() {
      closed = true;
      eventLog.close();
    },
    ...memoryCommitCreate(ctx, { idempotency, ownership, states, eventLog }),
    ...parts[0].methods,
    ...parts[1].methods,
    ...parts[2].methods,
    ...parts[3].methods,
    ...parts[4].methods,
    ...parts[5].methods,
    ...parts[6].methods,
  };
}
