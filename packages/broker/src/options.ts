import type { DotsClient } from '@dotskit/api';
import { dotsEnvironmentProblem } from '@dotskit/api/wire';
import { insecureUrlReason, parseTokenAge, weakSecretReason } from './config-checks';
import type { BrokerCoreOptions, BrokerDotsConfig, BrokerOptions } from './types';

const fail = (message: string): never => {
  throw new TypeError(`[dotskit] ${message}`);
};

/** Whether `dots` is a ready client rather than credentials. */
export function isDotsClient(dots: BrokerOptions['dots']): dots is DotsClient {
  return typeof (dots as DotsClient).flows?.create === 'function';
}

const isPositiveInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Checks `dots` credentials; the messages say how to fix them and never echo the key. */
export function validateDotsConfig(dots: BrokerDotsConfig): void {
  if (typeof dots.clientId !== 'string' || dots.clientId.trim() === '') {
    fail('`dots.clientId` is required (your Dots client id, e.g. from DOTS_CLIENT_ID).');
  }
  if (typeof dots.apiKey !== 'string' || dots.apiKey.trim() === '') {
    fail('`dots.apiKey` is required (your Dots API key, e.g. from DOTS_API_KEY).');
  }
  const problem = dotsEnvironmentProblem(dots.environment);
  if (problem)
    fail(
      `\`dots.environment\` must be 'sandbox', 'production' or { baseUrl: 'https://…/api' } (http: only on loopback); it ${problem}.`,
    );
}

/** Checks `auth.issuer`, `auth.audience` and `auth.maxTokenAge`. */
function validateJwtChecks(auth: NonNullable<BrokerOptions['auth']>): void {
  const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  if (auth.issuer !== undefined && !nonEmpty(auth.issuer))
    fail('`auth.issuer` must be a non-empty string (the `iss` your tokens carry).');
  const { audience } = auth;
  if (
    audience !== undefined &&
    !(
      nonEmpty(audience) ||
      (Array.isArray(audience) && audience.length > 0 && audience.every(nonEmpty))
    )
  )
    fail(
      '`auth.audience` must be a non-empty string or array of strings (the `aud` your tokens carry).',
    );
  if (auth.maxTokenAge !== undefined && parseTokenAge(auth.maxTokenAge) === undefined)
    fail(
      "`auth.maxTokenAge` must be a positive number of seconds or a string such as '15m', '12h', '7d'.",
    );
}

/** Validates options at creation; throws a TypeError naming the option and the fix. */
export function validateOptions(options: BrokerCoreOptions): void {
  if (!options || typeof options !== 'object')
    fail('createBroker(options) needs an options object.');
  if (!options.dots || typeof options.dots !== 'object') {
    fail(
      '`dots` is required: pass { clientId, apiKey, environment } or a client from createDotsClient().',
    );
  }
  if (!isDotsClient(options.dots)) validateDotsConfig(options.dots);
  if (options.authorize !== undefined && typeof options.authorize !== 'function')
    fail('`authorize` must be a function (req) => Principal.');
  if (!options.authorize) {
    const auth = options.auth;
    if (!auth)
      fail('pass `auth: { jwtSecret }` (or `{ jwksUrl }`), or an `authorize(req)` function.');
    else if ('jwtSecret' in auth) {
      const reason =
        typeof auth.jwtSecret === 'string' ? weakSecretReason(auth.jwtSecret) : 'is missing';
      if (reason)
        fail(
          `\`auth.jwtSecret\` ${reason}: use 32+ random bytes (e.g. \`openssl rand -base64 32\`).`,
        );
    } else if ('jwksUrl' in auth) {
      const reason =
        typeof auth.jwksUrl === 'string' ? insecureUrlReason(auth.jwksUrl) : 'is missing';
      if (reason)
        fail(
          `\`auth.jwksUrl\` must be an absolute https: URL of a JWKS document (http: only on loopback); it ${reason}.`,
        );
    } else fail('`auth` must be { jwtSecret } or { jwksUrl }.');
    if (auth) validateJwtChecks(auth);
  }
  if (options.store && options.databaseUrl) fail('pass either `store` or `databaseUrl`, not both.');
  if (
    options.webhookSecret !== undefined &&
    !/^whsec_[A-Za-z0-9+/=]{16,}$/.test(options.webhookSecret)
  ) {
    fail('`webhookSecret` must be the endpoint signing secret from Dots, starting with `whsec_`.');
  }
  for (const origin of options.allowedOrigins ?? []) {
    let ok = false;
    try {
      ok = new URL(origin).origin === origin;
    } catch {}
    if (!ok)
      fail(
        `\`allowedOrigins\` entries must be origins like 'https://shop.example' (got '${origin}').`,
      );
  }
  if (options.onUserLinked !== undefined && typeof options.onUserLinked !== 'function')
    fail('`onUserLinked` must be a function.');
  if (options.onUserLinkConflict !== undefined && typeof options.onUserLinkConflict !== 'function')
    fail('`onUserLinkConflict` must be a function.');
  if (options.browserMaxPayoutCents !== undefined && !isPositiveInt(options.browserMaxPayoutCents))
    fail('`browserMaxPayoutCents` must be a positive integer (cents).');
  if (
    options.rateLimit &&
    options.rateLimit.shared !== undefined &&
    typeof options.rateLimit.shared !== 'boolean'
  ) {
    fail('`rateLimit.shared` must be a boolean.');
  }
  if (options.rateLimit) {
    for (const key of ['windowMs', 'perPrincipal', 'perIp'] as const) {
      const value = options.rateLimit[key];
      if (value !== undefined && !isPositiveInt(value))
        fail(`\`rateLimit.${key}\` must be a positive integer.`);
    }
  }
  if (options.metricsToken !== undefined) {
    const reason =
      typeof options.metricsToken === 'string'
        ? weakSecretReason(options.metricsToken)
        : 'is missing';
    if (reason) fail(`\`metricsToken\` ${reason}: use 32+ random characters.`);
  }
  if (options.metricsRoute !== undefined && typeof options.metricsRoute !== 'boolean')
    fail('`metricsRoute` must be a boolean.');
  if (options.heartbeatMs !== undefined && !isPositiveInt(options.heartbeatMs))
    fail('`heartbeatMs` must be a positive integer.');
  if (
    options.maxStreamsPerPrincipal !== undefined &&
    !isPositiveInt(options.maxStreamsPerPrincipal)
  )
    fail('`maxStreamsPerPrincipal` must be a positive integer.');
  if (options.webhookLeaseMs !== undefined && !isPositiveInt(options.webhookLeaseMs))
    fail('`webhookLeaseMs` must be a positive integer.');
  if (options.idempotencyTtlMs !== undefined && !isPositiveInt(options.idempotencyTtlMs)) {
    fail('`idempotencyTtlMs` must be a positive integer.');
  }
}
