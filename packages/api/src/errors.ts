import type { z } from 'zod';
import { type DotskitErrorOptions, dotskitMessage } from './wire/errors';

/** HTTP method of a request the client made. */
export type DotsHttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What went wrong with a client call (`DotsError.code`):
 * - `dots_error`: Dots answered with a non-2xx status (`status`; Dots' own code, such as
 *   `transaction-insufficient-funds`, in `details.dotsCode`; `retryAfterMs` from its
 *   `Retry-After`);
 * - `timeout`: no answer within `timeoutMs`, after every retry (`details.timeoutMs`);
 * - `network_error`: the fetch itself rejected (DNS, refused, reset, …), after every retry;
 * - `invalid_response`: a 2xx body did not match its schema (`strict` mode;
 *   `details.issues`).
 */
export type DotsClientErrorCode = 'dots_error' | 'timeout' | 'network_error' | 'invalid_response';

/** What a client error says about the request, beside its code. */
export interface DotsErrorDetails {
  /** HTTP method of the failed request. */
  method: DotsHttpMethod;
  /** Path of the failed request, relative to the base URL (`/v2/flows/…`), without query. */
  path: string;
  /** `dots_error`: Dots' error code from the body, when it has one. */
  dotsCode?: string;
  /** `dots_error`: a request id from the response headers (`x-request-id`), when present. */
  requestId?: string;
  /** `dots_error` / `invalid_response`: the body as received (the raw text when not JSON). */
  body?: unknown;
  /** `invalid_response`: the zod issues. */
  issues?: z.core.$ZodIssue[];
  /** `timeout`: the per-attempt timeout that elapsed, in ms. */
  timeoutMs?: number;
}

/** The options a {@link DotsError} is built from. */
export type DotsErrorOptions = DotskitErrorOptions<DotsClientErrorCode> & {
  details: DotsErrorDetails;
};

/**
 * The one error the client throws for a call that failed (misuse is a `TypeError`).
 * Match on `code`; messages start with `[dotskit]`, name the method and path, and never
 * contain credentials.
 */
export class DotsError extends Error {
  override readonly name = 'DotsError';
  /** What went wrong; see {@link DotsClientErrorCode}. */
  readonly code: DotsClientErrorCode;
  /** `dots_error`: the HTTP status Dots answered with; otherwise `undefined`. */
  readonly status: number | undefined;
  /** The request and what came back. */
  readonly details: DotsErrorDetails;
  /** `dots_error` on a 429 or 503: the wait Dots asked for in `Retry-After`, in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(options: DotsErrorOptions) {
    super(
      dotskitMessage(options.message),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = options.code;
    this.status = options.status;
    this.details = options.details;
    this.retryAfterMs = options.retryAfterMs;
  }
}
