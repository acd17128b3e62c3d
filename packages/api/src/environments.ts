/**
 * Dots API base URLs (before `/v2/...`): `sandbox` is
 * `https://pls.senddotssandbox.com/api`, `production` is `https://api.dots.dev/api`.
 */
export const DOTS_ENVIRONMENTS = {
  sandbox: 'https://pls.senddotssandbox.com/api',
  production: 'https://api.dots.dev/api',
} as const;

/** A named Dots environment, or any base URL (e.g. the local sandbox, `http://127.0.0.1:4010/api`). */
export type DotsEnvironment = keyof typeof DOTS_ENVIRONMENTS | { baseUrl: string };

/**
 * Resolves an environment to its base URL, without a trailing slash.
 * Throws a `TypeError` naming the fix for an unknown name or an invalid URL.
 */
export function resolveBaseUrl(environment: DotsEnvironment): string {
  if (typeof environment === 'string') {
    const url = DOTS_ENVIRONMENTS[environment];
    if (!url) {
      throw new TypeError(
        `[dotskit] Unknown Dots environment "${String(environment)}": use 'sandbox', 'production' or { baseUrl }.`,
      );
    }
    return url;
  }
  let parsed: URL;
  try {
    parsed = new URL(environment.baseUrl);
  } catch {
    throw new TypeError(
      '[dotskit] environment.baseUrl must be an absolute http(s) URL, e.g. http://127.0.0.1:4010/api',
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError('[dotskit] environment.baseUrl must use http: or https:');
  }
  return environment.baseUrl.replace(/\/+$/, '');
}
