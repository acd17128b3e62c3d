/**
 * Marks a `fetch` that enforces a request's timeout itself: set as a property `true` on the
 * function, it tells the client that `init[FETCH_TIMEOUT_MS]` (a number of ms) is honoured
 * by rejecting with an error named `TimeoutError` once that long has passed before the whole
 * response is read. When the caller passes no `signal`, the client then hands its per-attempt
 * timeout to such a `fetch` instead of creating an `AbortController` and a timer per call.
 * The same key (`Symbol.for('dotskit.fetch.timeoutMs')`) is the property and the init field.
 */
export const FETCH_TIMEOUT_MS: unique symbol = Symbol.for('dotskit.fetch.timeoutMs') as never;

/** Whether `f` is marked with {@link FETCH_TIMEOUT_MS}. */
export const enforcesTimeout = (f: typeof fetch): boolean =>
  (f as unknown as Record<symbol, unknown>)[FETCH_TIMEOUT_MS] === true;

/** Whether `error` is the timeout a marked `fetch` rejects with. */
export const isTimeoutError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as Error).name === 'TimeoutError';
