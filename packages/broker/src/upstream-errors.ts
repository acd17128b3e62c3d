import { BrokerError } from './errors';

interface DotsErrorLike {
  name?: string;
  status?: number;
  code?: string;
  message?: string;
  /** `DotsApiError.retryAfterMs`: Dots' `Retry-After`, in ms. */
  retryAfterMs?: number;
}

/**
 * Maps an error thrown by the Dots client to a BrokerError: timeouts → 504, network failures
 * and Dots 429/503 → 503, Dots 4xx input errors → 400 (with Dots' code in `details`), a Dots
 * 404 → 404, anything else → 502. Dots' `Retry-After` on a 429/503 is passed on with the 503. Recognises `DotsApiError`, `DotsTimeoutError` and
 * `DotsNetworkError` by name, so that two copies of `@dotskit/api` (ESM + CJS) both work.
 */
export function mapUpstreamError(err: unknown): BrokerError {
  if (err instanceof BrokerError) return err;
  const e = (err ?? {}) as DotsErrorLike;
  let mapped: BrokerError;
  if (e.name === 'DotsTimeoutError' || e.name === 'TimeoutError') {
    mapped = new BrokerError('upstream_timeout', 'Dots did not answer in time.');
  } else if (e.name === 'DotsNetworkError') {
    mapped = new BrokerError('upstream_unavailable', 'Dots could not be reached.');
  } else if (e.name === 'DotsApiError' && typeof e.status === 'number') {
    mapped = mapApiStatus(e.status, e);
  } else {
    mapped = new BrokerError('upstream_error', 'The call to Dots failed.');
  }
  mapped.cause = err;
  return mapped;
}

function mapApiStatus(status: number, e: DotsErrorLike): BrokerError {
  const details = { upstream_status: status, ...(e.code ? { dots_code: e.code } : {}) };
  if (status === 400 || status === 422) {
    return new BrokerError(
      'invalid_input',
      `Dots rejected the request${e.code ? ` (${e.code})` : ''}.`,
      details,
    );
  }
  if (status === 404) return new BrokerError('not_found', 'Not found.');
  if (status === 429 || status === 503) {
    // Dots' own wait, passed on to the browser (at least a second, at most an hour).
    const wait = e.retryAfterMs;
    const headers =
      typeof wait === 'number' && Number.isFinite(wait) && wait >= 0
        ? { 'Retry-After': String(Math.min(3_600, Math.max(1, Math.ceil(wait / 1000)))) }
        : undefined;
    return new BrokerError(
      'upstream_unavailable',
      'Dots is unavailable; try again later.',
      details,
      headers,
    );
  }
  if (status === 401 || status === 403) {
    return new BrokerError('upstream_error', 'Dots refused the broker’s credentials.', details);
  }
  return new BrokerError('upstream_error', 'Dots answered with an error.', details);
}
