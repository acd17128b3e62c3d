import { Router } from 'express';
import { authenticate } from './auth/authenticate';
import type { BrokerServerApi } from './commands/server-api';
import { type BrokerRuntime, createBrokerCore } from './core/create-core';
import { createErrorMiddleware } from './errors';
import { pathGate } from './http/express/api-gate';
import { eventsRoute } from './http/express/events-route';
import { cors, jsonBody } from './http/express/guards';
import { healthRoutes } from './http/express/health-routes';
import { resourceRoutes } from './http/express/resource-routes';
import { webhookRoute } from './http/express/webhook-route';
import { brokerRateLimit } from './http/rate-limit';
import { requestContext } from './observe/logging';
import type { BrokerOptions } from './types';

/** Paths of the browser-facing API (CORS, per-IP limit). */
const API_PATHS = [
  '/flows',
  '/payout-links',
  '/transfers',
  '/payout-batches',
  '/wallet',
  '/events',
];
/** Paths of the service endpoints. */
const SERVICE_PATHS = ['/webhooks', '/healthz', '/readyz', '/metrics'];

/** What {@link createBroker} returns: an Express router plus the server-side API. */
export type Broker = Router & BrokerServerApi & BrokerRuntime;

/**
 * Creates the Dots token broker as an Express `Router` (it never listens) to mount at any
 * path, carrying the server-side API (`broker.transfers.create(principal, body)`, …): the
 * Express adapter over the broker's core. Validates `options` at once and throws a
 * TypeError saying how to fix a bad one. The store is opened and migrated in the
 * background; requests wait for it (see `ready()`).
 */
export function createBroker(options: BrokerOptions): Broker {
  const core = createBrokerCore(options);
  const { store, metrics, logger, limits, storeReady } = core;
  const auth = [
    authenticate(core.authenticate),
    ...(limits ? [brokerRateLimit('principal', store, limits, storeReady)] : []),
  ];

  // One flat router: the API first (request context, CORS and the per-IP limit as one
  // layer, then the routes), then health and webhooks (no CORS, no per-IP limit), so that
  // an API request walks no service layers. Middleware is bound to the broker's own paths,
  // so that a broker mounted at `/` leaves the host's other routes alone.
  const context = requestContext(core.requestLogger, metrics);
  const router = Router();
  router.use(
    pathGate(API_PATHS, [
      context,
      cors(options.allowedOrigins ?? []),
      ...(limits ? [brokerRateLimit('ip', store, limits, storeReady)] : []),
    ]),
  );
  resourceRoutes(router, { commands: core.commands, auth, json: jsonBody(core.bodyLimits.json) });
  eventsRoute(router, { hub: core.hub, guards: auth, ready: storeReady });
  router.use(SERVICE_PATHS, context);
  healthRoutes(router, {
    store,
    metrics,
    ready: core.ready,
    metricsRoute: options.metricsRoute ?? true,
    metricsToken: options.metricsToken,
  });
  webhookRoute(router, core.receiveWebhook, {
    limit: core.bodyLimits.webhook,
    logger,
    metrics,
  });
  router.use([...API_PATHS, ...SERVICE_PATHS], createErrorMiddleware(logger));

  return Object.assign(router, core.serverApi, {
    client: core.client,
    store,
    ready: core.ready,
    close: core.close,
    idle: core.idle,
  });
}
