import type { Request, Response } from 'express';
import type { SandboxEngine } from '../state/engine';
import type { IdempotentResult } from '../state/store';

/** Idempotency keys live 24 hours of emulated time. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Runs `create` once per `idempotency_key` (in the JSON body) per app and route: a repeat
 * within 24 h answers the first request's status and body, whatever the new body says.
 * Failed requests are not remembered, so a corrected retry with the same key goes through.
 * Keys past their 24 h are forgotten as new ones arrive, so a long-running sandbox holds
 * only a day's worth.
 */
export function idempotent(
  engine: SandboxEngine,
  req: Request,
  res: Response,
  route: string,
  create: () => { status: number; body: unknown },
): void {
  const key = (req.body as { idempotency_key?: unknown } | undefined)?.idempotency_key;
  const now = engine.clock.now();
  const storeKey = typeof key === 'string' && key ? `${res.locals.appId} ${route} ${key}` : null;
  const kept = engine.store.idempotency;
  if (storeKey) {
    const hit = kept.get(storeKey);
    if (hit && now - hit.at < IDEMPOTENCY_TTL_MS) {
      res.status(hit.status).type('json').send(hit.json);
      return;
    }
  }
  const result = create();
  // Kept as the JSON text sent: one string per key costs the garbage collector far less
  // than the response's object graph (a sandbox under load holds hundreds of thousands).
  const json = JSON.stringify(result.body);
  if (storeKey) {
    forgetExpired(kept, now);
    kept.set(storeKey, { at: now, status: result.status, json });
  }
  res.status(result.status).type('json').send(json);
}

/**
 * Drops the keys past their 24 h. The map's insertion order is `at` order: the emulated
 * clock only moves forward, and a key re-used after expiring was dropped here first (every
 * key before it had expired too), so `set` appends it. The walk therefore stops at the
 * first live key: amortised O(1) per request.
 */
function forgetExpired(kept: Map<string, IdempotentResult>, now: number): void {
  for (const [k, v] of kept) {
    if (now - v.at < IDEMPOTENCY_TTL_MS) return;
    kept.delete(k);
  }
}
