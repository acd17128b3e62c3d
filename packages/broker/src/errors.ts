import {
  BROKER_ERROR_STATUS,
  type BrokerErrorBody,
  type BrokerErrorCode,
  type DotskitErrorOptions,
  dotskitMessage,
} from '@dotskit/api/wire';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { isStoreUnavailable } from './store-errors';

/**
 * The broker's error codes and the HTTP status it answers each with (the wire contract,
 * defined in `@dotskit/api/wire`). `invalid_input`: the body or a parameter is wrong
 * (`details.fields`); `unauthorized`: no or a bad token; `forbidden` /
 * `insufficient_scope` / `limit_exceeded` / `payout_cap_required` / `origin_not_allowed`:
 * not allowed; `not_found`: no such resource for this principal; `idempotency_*`: a key
 * reused with another body, or still running; `rate_limited`: slow down (`Retry-After`);
 * `upstream_*`: Dots failed, was unreachable or slow; `store_unavailable` / `not_ready`:
 * the store is down; `webhooks_disabled` / `webhook_body_parsed`: host configuration.
 */
export const brokerErrorStatus = BROKER_ERROR_STATUS;

/** One of the broker's stable error codes. */
export type { BrokerErrorCode };

/** The options a {@link BrokerError} is built from. */
export interface BrokerErrorOptions extends DotskitErrorOptions<BrokerErrorCode> {
  /** Response headers to send with the answer (e.g. `WWW-Authenticate`). Default: none. */
  headers?: Record<string, string>;
}

/**
 * The broker's one error type, built from `{ code, message, details?, cause?,
 * retryAfterMs?, headers? }`; its status is its code's ({@link brokerErrorStatus}).
 * Rendered as `{ error: { code, message, details? } }` (the message without the
 * `[dotskit]` prefix the thrown error's message carries), with `headers` and, from
 * `retryAfterMs`, `Retry-After` (whole seconds, at least 1). Messages are safe to show:
 * never a secret.
 */
export class BrokerError extends Error {
  override readonly name = 'BrokerError';
  readonly code: BrokerErrorCode;
  /** The HTTP status of `code`. */
  readonly status: number;
  readonly details: unknown;
  /** How long the client should wait before retrying, in ms (sent as `Retry-After`). */
  readonly retryAfterMs: number | undefined;
  /** Headers to answer with, `Retry-After` included when `retryAfterMs` is set. */
  readonly headers: Record<string, string> | undefined;
  /** The message as answered to clients (no prefix). */
  readonly #answer: string;

  constructor(options: BrokerErrorOptions) {
    if (!options || !Object.hasOwn(BROKER_ERROR_STATUS, options.code)) {
      throw new TypeError(
        `[dotskit] BrokerError needs { code, message } with a code of BROKER_ERROR_STATUS (got ${String(options?.code)}).`,
      );
    }
    const status = BROKER_ERROR_STATUS[options.code];
    if (options.status !== undefined && options.status !== status) {
      throw new TypeError(
        `[dotskit] BrokerError ${options.code} is always ${status}; leave out \`status\`.`,
      );
    }
    super(
      dotskitMessage(options.message),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.#answer = options.message;
    this.code = options.code;
    this.status = status;
    this.details = options.details;
    this.retryAfterMs = options.retryAfterMs;
    const wait = options.retryAfterMs;
    const retryAfter =
      typeof wait === 'number' && Number.isFinite(wait) && wait >= 0
        ? { 'Retry-After': String(Math.max(1, Math.ceil(wait / 1000))) }
        : undefined;
    this.headers =
      options.headers || retryAfter ? { ...options.headers, ...retryAfter } : undefined;
  }

  /** The JSON body the broker answers with. */
  toJSON(): BrokerErrorBody {
    const error: BrokerErrorBody['error'] = { code: this.code, message: this.#answer };
    if (this.details !== undefined) error.details = this.details;
    return { error };
  }
}

/** The 503 for a store that is down or restarting (see `isStoreUnavailable`), with `cause`. */
export function storeUnavailable(cause: unknown): BrokerError {
  return new BrokerError({
    code: 'store_unavailable',
    message: 'The broker cannot reach its store right now; retry shortly.',
    retryAfterMs: 1_000,
    cause,
  });
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
    return new BrokerError({
      code: 'payload_too_large',
      message: 'The request body is larger than the broker accepts.',
    });
  }
  if (e?.type === 'entity.parse.failed')
    return new BrokerError({
      code: 'invalid_json',
      message: 'The request body is not valid JSON.',
    });
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new BrokerError({
      code: 'unsupported_media_type',
      message: 'The request body encoding is not supported.',
    });
  }
  // Body parsers flag other client faults (e.g. a body that does not decode with its
  // Content-Encoding) with a 4xx status and no known type: still the client's fault.
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new BrokerError({
      code: 'invalid_input',
      message: 'The request body could not be read.',
    });
  }
  if (isStoreUnavailable(err)) return storeUnavailable(err);
  return new BrokerError({ code: 'internal_error', message: 'Internal error.' });
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
