// Credentials the benchmark servers share: an HS256 JWT like a host app issues, a Svix
// webhook secret, and Svix signing of webhook bodies.
import { createHmac, randomBytes } from 'node:crypto';

/** The broker's HS256 secret in every benchmark (≥ 32 characters). */
export const JWT_SECRET = 'bench-jwt-secret-0123456789abcdef0123456789';
/** Dots credentials the sandbox is given and the broker uses. */
export const DOTS_CLIENT_ID = 'bench-client';
export const DOTS_API_KEY = 'bench-api-key';
/** Svix secret of the broker's webhook endpoint. */
export const WEBHOOK_SECRET = `whsec_${Buffer.from('bench-webhook-secret-32-bytes-long!').toString('base64')}`;

const b64url = (value) => Buffer.from(value).toString('base64url');

/** A JWT for principal `sub` with every scope, valid for an hour. */
export function signJwt(sub, extra = {}) {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(
    JSON.stringify({
      sub,
      exp: Math.floor(Date.now() / 1000) + 3600,
      scope: 'flows:write flows:read payout_links:write payout_links:read payouts:read',
      max_payout_cents: 1_000_000,
      ...extra,
    }),
  );
  const sig = createHmac('sha256', JWT_SECRET).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
}

/** `Authorization` header value for the sandbox (Basic, as Dots). */
export function basicAuth() {
  return `Basic ${Buffer.from(`${DOTS_CLIENT_ID}:${DOTS_API_KEY}`).toString('base64')}`;
}

/** Svix headers for `body` (a string), as Dots' webhook sender would send them. */
export function svixHeaders(
  body,
  secret = WEBHOOK_SECRET,
  id = `msg_${randomBytes(12).toString('hex')}`,
) {
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'content-type': 'application/json',
    'svix-id': id,
    'svix-timestamp': timestamp,
    'svix-signature': `v1,${signature}`,
  };
}
