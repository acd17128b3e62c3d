// @ts-check
/**
 * Reads the demo's configuration from the environment. With no Dots credentials the demo
 * runs its own offline sandbox; with `DOTS_CLIENT_ID` and `DOTS_API_KEY` it talks to Dots
 * (`DOTS_ENVIRONMENT`: `sandbox` (default), `production`, or a base URL ending in `/api`).
 */
import { randomBytes } from 'node:crypto';
import {
  dotsEnvironmentFromString,
  dotsEnvironmentProblem,
  resolveBaseUrl,
} from '@dotskit/api/wire';

/** A fresh Svix-style webhook secret. */
export function generateWebhookSecret() {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * @param {string | undefined} value
 * @param {number} fallback
 * @param {string} name
 */
function port(value, fallback, name) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`${name} must be a port number from 0 to 65535, got "${value}"`);
  }
  return n;
}

/**
 * @param {NodeJS.ProcessEnv} env
 * @returns {{
 *   port: number, host: string, sandboxPort: number, databaseUrl: string,
 *   jwtSecret: string, webhookSecret: string,
 *   dots: null | { clientId: string, apiKey: string, baseUrl: string },
 * }}
 */
export function readConfig(env) {
  const clientId = env.DOTS_CLIENT_ID;
  const apiKey = env.DOTS_API_KEY;
  if (Boolean(clientId) !== Boolean(apiKey)) {
    throw new Error('Set both DOTS_CLIENT_ID and DOTS_API_KEY, or neither (offline sandbox).');
  }
  let dots = null;
  if (clientId && apiKey) {
    const envName = env.DOTS_ENVIRONMENT || 'sandbox';
    const environment = dotsEnvironmentFromString(envName);
    const problem = dotsEnvironmentProblem(environment);
    if (problem) {
      throw new Error(
        `DOTS_ENVIRONMENT must be "sandbox", "production" or a base URL (http: only on loopback): "${envName}" ${problem}`,
      );
    }
    dots = { clientId, apiKey, baseUrl: resolveBaseUrl(environment) };
  }
  return {
    port: port(env.PORT, 3000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    sandboxPort: port(env.SANDBOX_PORT, 4010, 'SANDBOX_PORT'),
    databaseUrl: env.DATABASE_URL || 'sqlite:.data/demo.db',
    jwtSecret: env.DOTSKIT_JWT_SECRET || randomBytes(32).toString('base64url'),
    webhookSecret: env.DOTS_WEBHOOK_SECRET || generateWebhookSecret(),
    dots,
  };
}
