import { type BrokerErrorCode, type DotskitErrorOptions, dotskitMessage } from '@dotskit/api/wire';

/**
 * The `code` of a {@link DotsWidgetError}: the broker's own code when it answered with
 * its error body (`invalid_input`, `unauthorized`, `not_found`, `no_linked_user`, …; see
 * `BrokerErrorCode` of `@dotskit/api/wire`), else one of the widget's:
 * - `network_error`: `fetch()` itself rejected (offline, DNS, CORS, aborted): no answer.
 * - `bad_response`: the broker answered, but not with its JSON (a 2xx body that is not
 *   JSON, or an error status without the broker's error body, e.g. a proxy's HTML page).
 * - `token_error`: the host's `getToken` threw or rejected (`cause` holds why).
 * - `untrusted_link`: a resource's `link` failed the link check (see `flowOrigins`).
 * - `unexpected_error`: anything else thrown while the widget worked (a bug in the widget
 *   or in a host callback); `cause` holds what was thrown.
 */
export type DotsWidgetErrorCode =
  | BrokerErrorCode
  | 'network_error'
  | 'bad_response'
  | 'token_error'
  | 'untrusted_link'
  | 'unexpected_error';

/**
 * The one error class of `@dotskit/react`: what `error` and every `onError` carry (the
 * hooks never throw it). Built from an options object; `message` starts with `[dotskit]`
 * and is safe to show; match on `code`, never on `message`. `status` is the HTTP status
 * when the broker answered, `retryAfterMs` the wait its `Retry-After` asked for (429, 503).
 * Developer misuse (a missing provider, bad props) throws a `TypeError` instead.
 */
export class DotsWidgetError extends Error {
  /** Stable machine-readable code. */
  declare readonly code: DotsWidgetErrorCode;
  /** The HTTP status answered; `undefined` when no answer arrived. */
  declare readonly status?: number;
  /** Field-level details from the broker (`invalid_input`), when given. */
  declare readonly details?: unknown;
  /** How long to wait before retrying, in ms, when the broker said. */
  declare readonly retryAfterMs?: number;
  constructor({ message, cause, ...rest }: DotskitErrorOptions<DotsWidgetErrorCode>) {
    super(dotskitMessage(message), { cause });
    Object.assign(this, { name: 'DotsWidgetError' }, rest);
  }
}

/** A {@link DotsWidgetError} caused by `cause`, worded by `message` (default: the cause's). */
export const widgetError = (
  code: DotsWidgetErrorCode,
  cause: unknown,
  message = String((cause as Error)?.message ?? cause),
): DotsWidgetError => new DotsWidgetError({ code, message, cause });

/** What a failure becomes: a DotsWidgetError as it is, anything else `unexpected_error`. */
export const toWidgetError = (err: unknown): DotsWidgetError =>
  err instanceof DotsWidgetError ? err : widgetError('unexpected_error', err);

// Development build? Bundlers replace `process.env.NODE_ENV` (Vite in dev too); without
// one, `process` may not exist: then not.
let dev = false;
try {
  dev = process.env.NODE_ENV !== 'production';
} catch {}

/**
 * The text of an error notice: `message`, and in development builds the error's code
 * after it (e.g. `Something went wrong. (origin_not_allowed)`) so that a refused origin
 * or link names itself on screen. Production shows `message` only.
 */
export const errorText = (message: string, error?: DotsWidgetError) =>
  dev && error ? `${message} (${error.code})` : message;
