import { createServer, type RequestListener, type Server } from 'node:http';
import express, { type ErrorRequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { toBrokerError } from './errors';
import { metricsHandler } from './http/express/health-routes';

/** Limits of the bin's HTTP server: how long a client may take, and how many may connect. */
export interface ServerLimits {
  /** Time to receive a request's headers, in ms (`HEADERS_TIMEOUT_MS`). Default 10_000. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included, in ms (`REQUEST_TIMEOUT_MS`). Default 30_000. */
  requestTimeoutMs: number;
  /** Idle time of a kept-alive connection between requests, in ms (`KEEP_ALIVE_TIMEOUT_MS`). Default 5_000. */
  keepAliveTimeoutMs: number;
  /** Open connections, SSE streams included; more are closed at once (`MAX_CONNECTIONS`). Default 10_000. */
  maxConnections: number;
}

/** The defaults of {@link ServerLimits}. */
export const DEFAULT_SERVER_LIMITS: Readonly<ServerLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 10_000,
};

/**
 * A node:http server for `listener` with `limits` applied, so that a slow client (headers
 * or body dribbled in, on any route, `/webhooks` included) is answered 408 and cut off
 * instead of holding a connection for Node's 300 s default. Timeouts are checked every
 * second at most (Node's default is every 30 s). Requests that are received (an SSE
 * stream's GET) are not limited by these: only their arrival is.
 */
export function createBinServer(listener: RequestListener, limits: ServerLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    listener,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}

/**
 * The bin's metrics listener (`METRICS_PORT`): `GET /metrics` for `registry`, behind
 * `token` when given; every other path is a 404. Errors in the broker's JSON shape.
 */
export function createMetricsApp(registry: Registry, token: string | undefined): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metricsHandler(registry, token));
  app.use((_req, res) => {
    res
      .status(404)
      .json({ error: { code: 'not_found', message: 'Only GET /metrics is served here.' } });
  });
  const errors: ErrorRequestHandler = (err, _req, res, _next) => {
    const e = toBrokerError(err);
    res
      .status(e.status)
      .set(e.headers ?? {})
      .json(e.toJSON());
  };
  app.use(errors);
  return app;
}
