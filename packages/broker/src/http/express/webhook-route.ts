import type { RequestHandler, Router } from 'express';
import type { Logger } from 'pino';
import { BrokerError } from '../../errors';
import type { BrokerMetrics } from '../../observe/metrics';
import type { WebhookReceiver } from '../../webhooks/receive';
import { rawBody } from './guards';
import { route } from './resource-routes';

/** What the webhook route needs besides its handler. */
export interface WebhookRouteContext {
  /** Largest accepted body, in bytes. */
  limit: number;
  logger: Logger;
  metrics: BrokerMetrics;
}

const PARSED_BODY_FIX =
  'The webhook body was parsed before the broker saw it (e.g. `app.use(express.json())` mounted before the broker), so its Svix signature cannot be checked. Mount the broker before body parsers, or keep them off its `/webhooks` path.';

/**
 * Refuses a webhook whose body a host middleware already parsed: the signature covers the
 * exact bytes, which are gone. This is the host's misconfiguration, not Dots' fault, so it
 * answers 500 `webhook_body_parsed` (Svix retries any non-2xx with backoff, so deliveries
 * made before the fix are redelivered after it) and logs one error naming the fix, once per
 * broker, without a stack trace; `dotskit_broker_webhooks_total{outcome="body_parsed"}`
 * counts every such delivery. A raw `Buffer` body (`express.raw()` before the broker) is kept.
 */
export function refuseParsedBody(logger: Logger, metrics: BrokerMetrics): RequestHandler {
  let logged = false;
  return (req, _res, next) => {
    const parsed = (req as { _body?: unknown })._body === true || req.body !== undefined;
    if (!parsed || Buffer.isBuffer(req.body)) return next();
    metrics.webhooks.inc({ outcome: 'body_parsed' });
    if (!logged) {
      logged = true;
      logger.error({ code: 'webhook_body_parsed' }, PARSED_BODY_FIX);
    }
    next(new BrokerError({ code: 'webhook_body_parsed', message: PARSED_BODY_FIX }));
  };
}

/** `POST /webhooks` with the raw body (the signature covers the exact bytes). */
export function webhookRoute(
  router: Router,
  receive: WebhookReceiver,
  { limit, logger, metrics }: WebhookRouteContext,
): void {
  router.post(
    '/webhooks',
    route('POST /webhooks'),
    refuseParsedBody(logger, metrics),
    rawBody(limit),
    async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const header = (name: string) => {
        const value = req.headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      const answer = await receive(body, header);
      res.status(answer.status).json(answer.body);
      answer.after?.();
    },
  );
}
