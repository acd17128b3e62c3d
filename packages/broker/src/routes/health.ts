import type { Router } from 'express';
import type { BrokerMetrics } from '../metrics';
import type { BrokerStore } from '../store/ports';
import { route } from './resources';

/** What the health routes need. */
export interface HealthRoutesContext {
  store: BrokerStore;
  metrics: BrokerMetrics;
  ready(): Promise<void>;
}

/** `GET /healthz` (process up), `GET /readyz` (store migrated and answering), `GET /metrics` (Prometheus text). */
export function healthRoutes(router: Router, { store, metrics, ready }: HealthRoutesContext): void {
  router.get('/healthz', route('GET /healthz'), (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  router.get('/readyz', route('GET /readyz'), async (_req, res) => {
    try {
      await ready();
      await store.ping();
      res.status(200).json({ status: 'ready', store: store.kind });
    } catch {
      res.status(503).json({
        error: { code: 'not_ready', message: `The ${store.kind} store is not reachable.` },
      });
    }
  });
  router.get('/metrics', route('GET /metrics'), async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.status(200).send(await metrics.registry.metrics());
  });
}
