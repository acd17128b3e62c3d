// The error convention every dotskit package follows, and the broker's error body (what a
// browser reads when the broker says no).

/**
 * What every dotskit error class is built from. Each package has one class taking these
 * options (`new BrokerError({ code, message, … })`), a documented `code` union, and a
 * message that starts with `[dotskit]`. Developer misuse is a `TypeError`, not one of these.
 */
export interface DotskitErrorOptions<Code extends string = string> {
  /** Stable machine-readable code: match on this, never on `message`. */
  code: Code;
  /** Safe to show and log: never a secret. The class adds the `[dotskit]` prefix. */
  message: string;
  /** The HTTP status answered or received, when there is one. */
  status?: number;
  /** Field-level details (e.g. `[{ path, message }]` for invalid input). */
  details?: unknown;
  /** The underlying error, if any. */
  cause?: unknown;
  /** How long to wait before retrying, in ms, when the answer said (429, 503). */
  retryAfterMs?: number;
}

/** The prefix of every dotskit error and misuse message. */
export const DOTSKIT_PREFIX = '[dotskit]';

/** `message` with the {@link DOTSKIT_PREFIX}, added once. */
export const dotskitMessage = (message: string): string =>
  message.startsWith(DOTSKIT_PREFIX) ? message : `${DOTSKIT_PREFIX} ${message}`;

/** The broker's error codes and the HTTP status it answers each with. */
export const BROKER_ERROR_STATUS = {
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

/** One of the broker's error codes. */
export type BrokerErrorCode = keyof typeof BROKER_ERROR_STATUS;

/**
 * The body of every broker error answer. `message` carries no prefix (it is the broker's
 * answer, not a thrown error); `details` lists field problems for `invalid_input`.
 */
export interface BrokerErrorBody {
  error: { code: BrokerErrorCode; message: string; details?: unknown };
}
