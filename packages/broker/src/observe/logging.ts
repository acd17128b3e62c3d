import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import pino, { type Logger } from 'pino';
import { createBufferedLogDestination } from './log-destination';
import type { BrokerMetrics } from './metrics';

/** Paths pino censors in every log line. */
export const redactPaths = [
  'authorization',
  'apiKey',
  'api_key',
  'jwtSecret',
  'webhookSecret',
  '*.authorization',
  '*.apiKey',
  '*.api_key',
  '*.jwtSecret',
  '*.webhookSecret',
  'req.headers.authorization',
  'headers.authorization',
  'headers.cookie',
];

/** The broker's loggers. */
export interface BrokerLoggers {
  /** For everything that may carry outside data: secrets censored by path, literal secrets scrubbed from errors. */
  logger: Logger;
  /** For the one-line request log, whose fields are fixed and secret-free: skips redaction (it costs per line). */
  requestLogger: Logger;
  /**
   * Writes what the broker's own default destination holds and stops its flush timer (a
   * no-op with the host's logger, whose destination the host owns). Called by `close()`.
   */
  close(): void;
}

/**
 * The broker's loggers: children of the host's pino logger, or of a new one at `info` on
 * stdout through a buffered destination (see {@link createBufferedLogDestination}: lines are
 * written every 250 ms or 4 KiB, and on exit).
 */
export function createBrokerLoggers(base: Logger | undefined, secrets: string[]): BrokerLoggers {
  const scrub = (text: string) =>
    secrets.reduce((out, s) => (s ? out.split(s).join('[redacted]') : out), text);
  const err = (value: unknown) => {
    const serialized = pino.stdSerializers.err(value as Error) as unknown as Record<
      string,
      unknown
    >;
    return JSON.parse(scrub(JSON.stringify(serialized)));
  };
  const options = { redact: { paths: redactPaths, censor: '[redacted]' }, serializers: { err } };
  const own = base ? undefined : createBufferedLogDestination();
  const root = base ?? pino({ level: 'info' }, own?.stream);
  return {
    logger: root.child({ name: 'dotskit-broker' }, options),
    requestLogger: root.child({ name: 'dotskit-broker' }),
    close: () => own?.close(),
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Routes whose successful requests are logged at `debug`, not `info`: SSE connections (one
 * per open page, reconnecting) and probes (every few seconds) would drown the rest. Their
 * failures (status >= 400) stay at `info`, and all of them are counted in the metrics.
 */
const QUIET_ROUTES: ReadonlySet<string> = new Set([
  'GET /events',
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
]);

/**
 * Per request: a request id (the caller's `X-Request-Id` when sane, else a UUID) echoed in
 * the response; on finish, one log line (`info`; `debug` for a successful SSE stream or
 * probe) and the request metrics, labelled by the route pattern the handler declared in
 * `res.locals.route`.
 */
export function requestContext(logger: Logger, metrics: BrokerMetrics): RequestHandler {
  return (req, res, next) => {
    const reqId = requestIdOf(req.headers['x-request-id']);
    res.locals.reqId = reqId;
    res.setHeader('X-Request-Id', reqId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (res.locals.route as string | undefined) ?? 'unmatched';
      recordRequest(logger, metrics, {
        reqId,
        method: req.method,
        route,
        status: res.statusCode,
        started,
      });
    });
    next();
  };
}

/** A request id: the caller's `X-Request-Id` when sane, else a UUID. */
export const requestIdOf = (incoming: unknown): string =>
  typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();

/**
 * The one request line and the request metrics, for every adapter: `info`, or `debug`
 * for a successful SSE stream or probe; `started` is a `process.hrtime.bigint()`.
 */
export function recordRequest(
  logger: Logger,
  metrics: BrokerMetrics,
  r: { reqId: string; method: string; route: string; status: number; started: bigint },
): void {
  const seconds = Number(process.hrtime.bigint() - r.started) / 1e9;
  metrics.observeRequest(r.method, r.route, r.status, seconds);
  const level = QUIET_ROUTES.has(r.route) && r.status < 400 ? 'debug' : 'info';
  logger[level](
    {
      reqId: r.reqId,
      method: r.method,
      route: r.route,
      status: String(r.status),
      ms: Math.round(seconds * 1000),
    },
    'request',
  );
}
