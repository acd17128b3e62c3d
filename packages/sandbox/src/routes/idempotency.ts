import type { Request, Response } from 'express';
import type { SandboxEngine } from '../state/engine';

/** Idempotency keys live 24 hours of emulated time. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Runs `create` once per `idempotency_key` (in the JSON body) per app and route: a repeat
 * within 24 h answers the first request's status and body, whatever the new body says.
 * Failed requests are not remembered, so a corrected retry with the same key goes through.
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
  if (storeKey) {
    const hit = engine.store.idempotency.get(storeKey);
    if (hit && now - hit.at < IDEMPOTENCY_TTL_MS) {
      res.status(hit.status).json(hit.body);
      return;
    }
  }
  const result = create();
  if (storeKey) engine.store.idempotency.set(storeKey, { at: now, ...result });
  res.status(result.status).json(result.body);
}
