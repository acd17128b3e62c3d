import type { DotsClientErrorCode } from '@dotskit/api';
import { BrokerError } from './errors';

interface DotsErrorLike {
  name?: string;
  code?: DotsClientErrorCode;
  status?: number;
  details?: { dotsCode?: string };
  /** Dots' `Retry-After`, in ms. */
  retryAfterMs?: number;
}

/** The longest wait passed on to a browser: an hour. */
const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * Maps an error thrown by the Dots client to a BrokerError (with the client's error as
 * `cause`): `timeout` → 504, `network_error` and Dots 429/503 → 503, Dots 4xx input errors
 * → 400 (with Dots' code in `details`), a Dots 404 → 404, anything else → 502. Dots'
 * `Retry-After` on a 429/503 is passed on with the 503 (at most an hour). Recognises the
 * client's `DotsError` by name and code, so that two copies of `@dotskit/api` (ESM + CJS)
 * both work.
 */
export function mapUpstreamError(err: unknown): BrokerError {
  if (err instanceof BrokerError) return err;
  const e = (err ?? {}) as DotsErrorLike;
  const isClientError = e.name === 'DotsError';
  if ((isClientError && e.code === 'timeout') || e.name === 'TimeoutError') {
    return new BrokerError({
      code: 'upstream_timeout',
      message: 'Dots did not answer in time.',
      cause: err,
    });
  }
  if (isClientError && e.code === 'network_error') {
    return new BrokerError({
      code: 'upstream_unavailable',
      message: 'Dots could not be reached.',
      cause: err,
    });
  }
  if (isClientError && e.code === 'dots_error' && typeof e.status === 'number') {
    return mapDotsStatus(e.status, e, err);
  }
  return new BrokerError({
    code: 'upstream_error',
    message: 'The call to Dots failed.',
    cause: err,
  });
}

function mapDotsStatus(status: number, e: DotsErrorLike, cause: unknown): BrokerError {
  const dotsCode = e.details?.dotsCode;
  const details = { upstream_status: status, ...(dotsCode ? { dots_code: dotsCode } : {}) };
  if (status === 400 || status === 422) {
    return new BrokerError({
      code: 'invalid_input',
      message: `Dots rejected the request${dotsCode ? ` (${dotsCode})` : ''}.`,
      details,
      cause,
    });
  }
  if (status === 404) return new BrokerError({ code: 'not_found', message: 'Not found.', cause });
  if (status === 429 || status === 503) {
    // Dots' own wait, passed on to the browser (at least a second, at most an hour).
    const wait = e.retryAfterMs;
    return new BrokerError({
      code: 'upstream_unavailable',
      message: 'Dots is unavailable; try again later.',
      details,
      cause,
      retryAfterMs:
        typeof wait === 'number' && Number.isFinite(wait) && wait >= 0
          ? Math.min(MAX_RETRY_AFTER_MS, wait)
          : undefined,
    });
  }
  if (status === 401 || status === 403) {
    return new BrokerError({
      code: 'upstream_error',
      message: 'Dots refused the broker’s credentials.',
      details,
      cause,
    });
  }
  return new BrokerError({
    code: 'upstream_error',
    message: 'Dots answered with an error.',
    details,
    cause,
  });
}
