import type { z } from 'zod';

/** HTTP method of a request the client made. */
export type DotsHttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What every dotskit API error carries. */
export interface DotsErrorContext {
  /** HTTP method of the failed request. */
  method: DotsHttpMethod;
  /** Path of the failed request, relative to the base URL (e.g. `/v2/flows/…`), without query. */
  path: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * Base class of every error the client throws. Messages name the method and path,
 * never credentials.
 */
export class DotsError extends Error {
  /** HTTP method of the failed request. */
  readonly method: DotsHttpMethod;
  /** Request path (no query string, no base URL). */
  readonly path: string;

  constructor(message: string, context: DotsErrorContext) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = 'DotsError';
    this.method = context.method;
    this.path = context.path;
  }
}

/** Dots answered with a non-2xx status. */
export class DotsApiError extends DotsError {
  /** HTTP status. */
  readonly status: number;
  /** Dots' error code (e.g. `invalid-input`) when the body has one. */
  readonly code: string | undefined;
  /** A request id from the response headers (`x-request-id`), when present. */
  readonly requestId: string | undefined;
  /** The parsed JSON body (or the raw text when it was not JSON). */
  readonly body: unknown;
  /** The wait Dots asked for in a `Retry-After` header (429, 503), in ms; else undefined. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    context: DotsErrorContext & {
      status: number;
      code?: string;
      requestId?: string;
      body: unknown;
      retryAfterMs?: number;
    },
  ) {
    super(message, context);
    this.name = 'DotsApiError';
    this.status = context.status;
    this.code = context.code;
    this.requestId = context.requestId;
    this.body = context.body;
    this.retryAfterMs = context.retryAfterMs;
  }
}

/** The request did not finish within `timeoutMs` (after all retries). */
export class DotsTimeoutError extends DotsError {
  /** The timeout that elapsed, in milliseconds. */
  readonly timeoutMs: number;

  constructor(message: string, context: DotsErrorContext & { timeoutMs: number }) {
    super(message, context);
    this.name = 'DotsTimeoutError';
    this.timeoutMs = context.timeoutMs;
  }
}

/** The request never got an HTTP response (DNS, refused, reset, …), after all retries. */
export class DotsNetworkError extends DotsError {
  constructor(message: string, context: DotsErrorContext) {
    super(message, context);
    this.name = 'DotsNetworkError';
  }
}

/** A 2xx response did not match its schema (thrown only in `strict` mode). */
export class DotsResponseValidationError extends DotsError {
  /** The zod issues. */
  readonly issues: z.core.$ZodIssue[];
  /** The response body as received. */
  readonly body: unknown;

  constructor(
    message: string,
    context: DotsErrorContext & { issues: z.core.$ZodIssue[]; body: unknown },
  ) {
    super(message, context);
    this.name = 'DotsResponseValidationError';
    this.issues = context.issues;
    this.body = context.body;
  }
}
