import type { RateLimitPort } from '../ports';
import type { MemoryPart, MemoryPortContext } from './context';

/** The rate-limit port in memory (fixed windows). */
export function memoryRateLimits(ctx: MemoryPortContext): MemoryPart<RateLimitPort> {
  const { now, open, wrote } = ctx;
  const windows = new Map<string, { hits: number; resetAt: number }>();
  return {
    sweep(at) {
      for (const [key, entry] of windows) if (entry.resetAt <= at) windows.delete(key);
    },
    methods: {
      async hitRateLimit(key, windowMs) {
        open();
        wrote();
        const at = now();
        const entry = windows.get(key);
        if (!entry || entry.resetAt <= at) {
          const fresh = { hits: 1, resetAt: at + windowMs };
          windows.set(key, fresh);
          return { ...fresh };
        }
        entry.hits += 1;
        return { ...entry };
      },
      async decrementRateLimit(key) {
        open();
        const entry = windows.get(key);
        if (entry && entry.hits > 0 && entry.resetAt > now()) entry.hits -= 1;
      },
      async resetRateLimit(key) {
        open();
        windows.delete(key);
      },
    },
  };
}
