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

/** Whether `hostname` (as `URL.hostname` gives it) names this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/**
 * Why `url` may not carry credentials, or `undefined` when it may: it must be an absolute
 * `https:` URL, or `http:` on a loopback host (a local sandbox). Secrets sent over plain
 * http to another machine can be read on the way.
 */
export function insecureUrlReason(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not an absolute URL';
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:')
    return isLoopbackHost(parsed.hostname) ? undefined : 'uses http: off loopback (use https:)';
  return 'must be an http(s) URL';
}

/**
 * Why `environment` is not a usable Dots environment, or `undefined` when it is:
 * `'sandbox'`, `'production'`, or `{ baseUrl }` with a URL {@link insecureUrlReason} accepts.
 * Callers word the message for where the value came from (an option, a variable).
 */
export function dotsEnvironmentProblem(environment: unknown): string | undefined {
  if (typeof environment === 'string')
    return Object.hasOwn(DOTS_ENVIRONMENTS, environment)
      ? undefined
      : `"${environment}" is not 'sandbox' or 'production'`;
  const baseUrl = (environment as { baseUrl?: unknown } | null)?.baseUrl;
  if (typeof baseUrl !== 'string') return 'is missing its baseUrl';
  const reason = insecureUrlReason(baseUrl);
  return reason && `has a baseUrl that ${reason}`;
}

/**
 * Reads an environment as configuration spells it (e.g. `DOTS_ENVIRONMENT`): `sandbox` or
 * `production` by name, anything else as a base URL (trailing slashes dropped). Checks
 * nothing: pass the result to `dotsEnvironmentProblem` or `resolveBaseUrl`.
 */
export function dotsEnvironmentFromString(value: string): DotsEnvironment {
  const v = value.trim();
  return Object.hasOwn(DOTS_ENVIRONMENTS, v)
    ? (v as keyof typeof DOTS_ENVIRONMENTS)
    : { baseUrl: v.replace(/\/+$/, '') };
}

/**
 * The base URL of an environment, without a trailing slash. Throws a `TypeError` naming
 * the fix for anything {@link dotsEnvironmentProblem} rejects.
 */
export function resolveBaseUrl(environment: DotsEnvironment): string {
  const problem = dotsEnvironmentProblem(environment);
  if (problem)
    throw new TypeError(
      `[dotskit] The Dots environment ${problem}: use 'sandbox', 'production' or { baseUrl: 'https://…/api' } (http: only on loopback).`,
    );
  return typeof environment === 'string'
    ? DOTS_ENVIRONMENTS[environment]
    : environment.baseUrl.replace(/\/+$/, '');
}
