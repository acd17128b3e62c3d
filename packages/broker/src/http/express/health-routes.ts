import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Router } from 'express';
import type { Registry } from 'prom-client';
import { BrokerError } from '../../errors';
import type { BrokerMetrics } from '../../observe/metrics';
import type { BrokerStore } from '../../store/ports';
import { route } from './resource-routes';

/** What the health routes need. */
export interface HealthRoutesContext {
  store: BrokerStore;
  metrics: BrokerMetrics;
  ready(): Promise<void>;
  /** Whether the router serves `GET /metrics`. */
  metricsRoute: boolean;
  /** Bearer token `GET /metrics` requires; none when undefined. */
  metricsToken: string | undefined;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Checks an `Authorization` header against the metrics token (in constant time): a 401
 * with `WWW-Authenticate: Bearer` unless it is `Bearer <token>`; anything passes without a token.
 */
export function metricsTokenCheck(token: string | undefined): (authorization?: string) => void {
  const expected = token === undefined ? undefined : digest(token);
  return (authorization) => {
    if (!expected) return;
    const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (given && timingSafeEqual(digest(given), expected)) return;
    throw new BrokerError({
      code: 'unauthorized',
      message: 'Send `Authorization: Bearer <metrics token>`.',
      headers: {
        'WWW-Authenticate': 'Bearer realm="metrics"',
      },
    });
  };
}

/**
 * `GET /metrics`: `registry` in Prometheus text. With `token`, only for
 * `Authorization: Bearer <token>` (compared in constant time); anything else is a 401
 * with `WWW-Authenticate: Bearer`.
 */
export function metricsHandler(registry: Registry, token: string | undefined): RequestHandler {
  const check = metricsTokenCheck(token);
  return async (req, res, next) => {
    try {
      check(req.headers.authorization);
    } catch (err) {
      return next(err);
    }
    res.setHeader('Content-Type', registry.contentType);
    res.status(200).send(await registry.metrics());
  };
}

/**
 * The `GET /readyz` answer, for every adapter: 200 `{ status: 'ready', store }` once the
 * store is migrated and answers a ping, else 503 `not_ready`.
 */
export async function readiness(
  store: Pick<BrokerStore, 'kind' | 'ping'>,
  ready: () => Promise<void>,
): Promise<{ status: number; body: unknown }> {
  try {
    await ready();
    await store.ping();
    return { status: 200, body: { status: 'ready', store: store.kind } };
  } catch {
    const message = `The ${store.kind} store is not reachable.`;
    return { status: 503, body: { error: { code: 'not_ready', message } } };
  }
}

/**
 * `GET /healthz` (process up), `GET /readyz` (store migrated and answering), and unless
 * `metricsRoute` is false, `GET /metrics` (Prometheus text, behind `metricsToken` if set).
 */
export function healthRoutes(router: Router, ctx: HealthRoutesContext): void {
  const { store, ready } = ctx;
  router.get('/healthz', route('GET /healthz'), (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  router.get('/readyz', route('GET /readyz'), async (_req, res) => {
    const answer = await readiness(store, ready);
    res.status(answer.status).json(answer.body);
  });
  if (ctx.metricsRoute) {
    router.get(
      '/metrics',
      route('GET /metrics'),
      metricsHandler(ctx.metrics.registry, ctx.metricsToken),
    );
  }
}
