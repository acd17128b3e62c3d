import { dotsEnvironmentFromString, dotsEnvironmentProblem } from '@dotskit/api/wire';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from './bin-server';
import { insecureUrlReason, parseTokenAge, weakSecretReason } from './config-checks';
import { parseTrustProxy, type TrustProxySetting } from './http/proxy';
import type { BrokerAuthConfig, BrokerJwtChecks, BrokerOptions } from './types';

/** Thrown for bad or missing environment configuration; the bin prints its message and exits 1. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** What the bin needs besides the broker options. */
export interface BinConfig {
  options: BrokerOptions;
  port: number;
  databaseUrl: string;
  /** Express's `trust proxy` setting, from `TRUST_PROXY` (default `loopback`). */
  trustProxy: TrustProxySetting;
  /** Timeouts and connection cap of the HTTP server. */
  limits: ServerLimits;
  /** Port of a separate `GET /metrics` listener (`METRICS_PORT`); none: the router serves it. */
  metricsPort: number | undefined;
}

/** A whole number from `env[name]` within [min, max], or `fallback` when unset. */
const whole = (
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got '${raw}').`);
  return n;
};

/** The server limits from `HEADERS_TIMEOUT_MS`, `REQUEST_TIMEOUT_MS`, `KEEP_ALIVE_TIMEOUT_MS`, `MAX_CONNECTIONS`. */
function readServerLimits(env: NodeJS.ProcessEnv): ServerLimits {
  const d = DEFAULT_SERVER_LIMITS;
  const limits = {
    headersTimeoutMs: whole(env, 'HEADERS_TIMEOUT_MS', d.headersTimeoutMs, 1, 600_000),
    requestTimeoutMs: whole(env, 'REQUEST_TIMEOUT_MS', d.requestTimeoutMs, 1, 3_600_000),
    keepAliveTimeoutMs: whole(env, 'KEEP_ALIVE_TIMEOUT_MS', d.keepAliveTimeoutMs, 1, 600_000),
    maxConnections: whole(env, 'MAX_CONNECTIONS', d.maxConnections, 1, 1_000_000),
  };
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ConfigError(
      `HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs}).`,
    );
  }
  return limits;
}

/** `DOTSKIT_JWT_ISSUER`, `DOTSKIT_JWT_AUDIENCE` (comma-separated) and `DOTSKIT_JWT_MAX_AGE`. */
function readJwtChecks(env: NodeJS.ProcessEnv): BrokerJwtChecks {
  const checks: BrokerJwtChecks = {};
  const issuer = env.DOTSKIT_JWT_ISSUER?.trim();
  if (issuer) checks.issuer = issuer;
  const audience = (env.DOTSKIT_JWT_AUDIENCE ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (audience.length > 0) checks.audience = audience.length === 1 ? audience[0] : audience;
  const maxAge = env.DOTSKIT_JWT_MAX_AGE?.trim();
  if (maxAge) {
    const seconds = parseTokenAge(/^\d+$/.test(maxAge) ? Number(maxAge) : maxAge);
    if (seconds === undefined)
      throw new ConfigError(
        `DOTSKIT_JWT_MAX_AGE must be seconds or a span such as 15m, 12h, 7d (got '${maxAge}').`,
      );
    checks.maxTokenAge = seconds;
  }
  return checks;
}

const need = (env: NodeJS.ProcessEnv, name: string, hint: string): string => {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`${name} is not set (${hint}).`);
  return value;
};

/**
 * Reads the bin's environment: `DOTS_CLIENT_ID`, `DOTS_API_KEY`, `DOTS_ENVIRONMENT`
 * (`sandbox` (default), `production` or a base URL), `DOTSKIT_JWT_SECRET` or `DOTSKIT_JWKS_URL`
 * (with optional `DOTSKIT_JWT_ISSUER`, `DOTSKIT_JWT_AUDIENCE`, `DOTSKIT_JWT_MAX_AGE`),
 * `DOTSKIT_ALLOWED_ORIGINS` (comma-separated), `DATABASE_URL` (default `sqlite:.data/dotskit.db`),
 * `DOTS_WEBHOOK_SECRET` (`whsec_…`, optional: webhooks answer 503 without it), `PORT` (4020),
 * `TRUST_PROXY` (hop count, `true`/`false` or addresses/subnets; default `loopback`), and the
 * server limits (see `ServerLimits`), `METRICS_TOKEN` (bearer token for `/metrics`) and
 * `METRICS_PORT` (serve `/metrics` on its own 127.0.0.1 listener instead of the main one).
 * Throws a ConfigError naming the variable and the fix; never echoes a secret.
 */
export function readBinConfig(env: NodeJS.ProcessEnv): BinConfig {
  const clientId = need(env, 'DOTS_CLIENT_ID', 'your Dots client id');
  const apiKey = need(env, 'DOTS_API_KEY', 'your Dots API key');
  const rawEnvironment = env.DOTS_ENVIRONMENT?.trim() || 'sandbox';
  // A name, or a base URL: checked by the one rule (`@dotskit/api/wire`).
  const environment = dotsEnvironmentFromString(rawEnvironment);
  const problem = dotsEnvironmentProblem(environment);
  if (problem) {
    throw new ConfigError(
      `DOTS_ENVIRONMENT must be 'sandbox', 'production' or a base URL such as https://dots.example/api or http://127.0.0.1:4010/api (http: only on loopback); '${rawEnvironment}' ${problem}.`,
    );
  }
  const jwtSecret = env.DOTSKIT_JWT_SECRET?.trim();
  const jwksUrl = env.DOTSKIT_JWKS_URL?.trim();
  if (!jwtSecret && !jwksUrl)
    throw new ConfigError('set DOTSKIT_JWT_SECRET (HS256, 32+ characters) or DOTSKIT_JWKS_URL.');
  if (jwtSecret && jwksUrl)
    throw new ConfigError('set only one of DOTSKIT_JWT_SECRET and DOTSKIT_JWKS_URL.');
  const weak = jwtSecret ? weakSecretReason(jwtSecret) : undefined;
  if (weak)
    throw new ConfigError(
      `DOTSKIT_JWT_SECRET ${weak}: use 32+ random bytes (e.g. openssl rand -base64 32).`,
    );
  const insecureJwks = jwksUrl ? insecureUrlReason(jwksUrl) : undefined;
  if (insecureJwks) throw new ConfigError(`DOTSKIT_JWKS_URL ${insecureJwks}.`);
  const webhookSecret = env.DOTS_WEBHOOK_SECRET?.trim() || undefined;
  if (webhookSecret && !/^whsec_[A-Za-z0-9+/=]{16,}$/.test(webhookSecret)) {
    throw new ConfigError(
      'DOTS_WEBHOOK_SECRET must be the endpoint signing secret from Dots, starting with whsec_.',
    );
  }
  const allowedOrigins = (env.DOTSKIT_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    let ok = false;
    try {
      ok = new URL(origin).origin === origin;
    } catch {}
    if (!ok)
      throw new ConfigError(
        `DOTSKIT_ALLOWED_ORIGINS entries must be origins like https://shop.example (got '${origin}').`,
      );
  }
  const databaseUrl = env.DATABASE_URL?.trim() || 'sqlite:.data/dotskit.db';
  if (!/^(memory:(\/\/)?$|sqlite:.|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must be sqlite:<path>, postgres://… or memory:.`);
  }
  const port = whole(env, 'PORT', 4020, 0, 65_535);
  const metricsPort = env.METRICS_PORT?.trim()
    ? whole(env, 'METRICS_PORT', 0, 0, 65_535)
    : undefined;
  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  const weakToken = metricsToken ? weakSecretReason(metricsToken) : undefined;
  if (weakToken) throw new ConfigError(`METRICS_TOKEN ${weakToken}: use 32+ random characters.`);
  const rawTrust = env.TRUST_PROXY?.trim() || 'loopback';
  const trustProxy = parseTrustProxy(rawTrust);
  if (trustProxy === undefined) {
    throw new ConfigError(
      `TRUST_PROXY must be a hop count (1), true, false, or addresses/subnets such as 'loopback, 10.0.0.0/8' (got '${rawTrust}').`,
    );
  }
  return {
    port,
    databaseUrl,
    trustProxy,
    limits: readServerLimits(env),
    metricsPort,
    options: {
      dots: { clientId, apiKey, environment },
      auth: {
        ...((jwtSecret ? { jwtSecret } : { jwksUrl }) as BrokerAuthConfig),
        ...readJwtChecks(env),
      },
      databaseUrl,
      ...(webhookSecret ? { webhookSecret } : {}),
      allowedOrigins,
      ...(metricsToken ? { metricsToken } : {}),
    },
  };
}

/** The store URL as printed: the path or host, without credentials. */
export function describeDatabaseUrl(url: string): string {
  if (url.startsWith('postgres')) {
    try {
      const u = new URL(url);
      return `postgres (${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname})`;
    } catch {
      return 'postgres';
    }
  }
  if (url.startsWith('sqlite:')) return `sqlite (${url.slice(7)})`;
  return 'memory (nothing survives a restart)';
}
