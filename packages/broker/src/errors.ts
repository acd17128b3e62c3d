import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { isStoreUnavailable } from './store-errors';

/** Stable error codes the broker answers with, and the HTTP status of each. */
export const brokerErrorStatus = {
  invalid_input: 400,
  invalid_json: 400,
  unauthorized: 401,
  invalid_signature: 401,
  forbidden: 403,
  insufficient_scope: 403,
  limit_exceeded: 403,
  payout_cap_required: 403,
  origin_not_allowed: 403,
  not_found: 404,
  no_linked_user: 404,
  idempotency_mismatch: 409,
  idempotency_in_progress: 409,
  user_link_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  upstream_error: 502,
  upstream_unavailable: 503,
  not_ready: 503,
  store_unavailable: 503,
  webhooks_disabled: 503,
  webhook_body_parsed: 500,
  upstream_timeout: 504,
} as const;

/** One of the broker's stable error codes. */
export type BrokerErrorCode = keyof typeof brokerErrorStatus;

/**
 * The broker's one error type. Rendered by the error middleware as
 * `{ error: { code, message, details? } }` with the status of its code; `headers` (such as
 * `Retry-After`) are set on the response. Messages are safe to show: never a secret.
 */
export class BrokerError extends Error {
  override readonly name = 'BrokerError';
  readonly status: number;
  constructor(
    readonly code: BrokerErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = brokerErrorStatus[code];
  }

  /** The JSON body the broker answers with. */
  toJSON(): { error: { code: string; message: string; details?: unknown } } {
    const error: { code: string; message: string; details?: unknown } = {
      code: this.code,
      message: this.message,
    };
    if (this.details !== undefined) error.details = this.details;
    return { error };
  }
}

/** The 503 for a store that is down or restarting (see `isStoreUnavailable`), with `cause`. */
export function storeUnavailable(cause: unknown): BrokerError {
  const error = new BrokerError(
    'store_unavailable',
    'The broker cannot reach its store right now; retry shortly.',
    undefined,
    { 'Retry-After': '1' },
  );
  error.cause = cause;
  return error;
}

/** Rethrows `err`, a store outage as `store_unavailable` (host code gets BrokerErrors, never a driver error). */
export function rethrowTyped(err: unknown): never {
  throw err instanceof BrokerError || !isStoreUnavailable(err) ? err : storeUnavailable(err);
}

/** Maps errors thrown by body parsers and the like (which carry `type`/`status`) to a BrokerError. */
export function toBrokerError(err: unknown): BrokerError {
  if (err instanceof BrokerError) return err;
  const e = err as { type?: string; status?: number } | undefined;
  if (e?.type === 'entity.too.large' || e?.status === 413) {
    return new BrokerError(
      'payload_too_large',
      'The request body is larger than the broker accepts.',
    );
  }
  if (e?.type === 'entity.parse.failed')
    return new BrokerError('invalid_json', 'The request body is not valid JSON.');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new BrokerError('unsupported_media_type', 'The request body encoding is not supported.');
  }
  // Body parsers flag other client faults (e.g. a body that does not decode with its
  // Content-Encoding) with a 4xx status and no known type: still the client's fault.
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new BrokerError('invalid_input', 'The request body could not be read.');
  }
  if (isStoreUnavailable(err)) return storeUnavailable(err);
  return new BrokerError('internal_error', 'Internal error.');
}

/**
 * 5xx codes that state the broker's configuration, not a fault of this request: reported
 * once where they arise (a start-up warning, a first-occurrence error naming the fix), not
 * as an error with a stack trace per request.
 */
const CONFIGURATION_CODES: ReadonlySet<BrokerErrorCode> = new Set([
  'webhooks_disabled',
  'webhook_body_parsed',
]);

/**
 * Any error as the BrokerError a client is answered with; a 5xx (other than a host
 * misconfiguration, logged where it is detected) is logged with its cause, never answered.
 */
export function reportError(logger: Logger, err: unknown, reqId: unknown): BrokerError {
  const brokerError = toBrokerError(err);
  if (brokerError.status >= 500 && !CONFIGURATION_CODES.has(brokerError.code)) {
    const cause = err instanceof BrokerError ? (err.cause ?? undefined) : err;
    logger.error({ err: cause ?? err, reqId, code: brokerError.code }, 'request failed');
  }
  return brokerError;
}

/** The broker's one error middleware: renders any error in the broker's shape, logs 5xx. */
export function createErrorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const brokerError = reportError(logger, err, res.locals.reqId);
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(brokerError.headers ?? {}))
      res.setHeader(name, value);
    res.status(brokerError.status).json(brokerError.toJSON());
  };
}
