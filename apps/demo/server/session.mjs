// @ts-check
/**
 * The demo's sign-in: an opaque random id in an HttpOnly cookie maps to a seller, kept in
 * memory. The browser never sees the broker's secret: it asks `GET /api/session` for a
 * short-lived JWT that the host signs for the signed-in seller (HS256, `jose`).
 */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';

/** Cookie that carries the demo session id. */
export const SESSION_COOKIE = 'dotskit_demo_session';

/** Every scope the broker knows; a real host may grant less. */
export const DEMO_SCOPES =
  'flows:write flows:read payout_links:write payout_links:read payouts:read';

/** Largest payout link a demo seller may create from the browser, in cents ($500). */
export const DEMO_MAX_PAYOUT_CENTS = 50_000;

/** Lifetime of the tokens handed to the browser, in seconds (the widget asks again). */
export const TOKEN_TTL_SECONDS = 300;

/** Creates the in-memory session table. */
export function createSessions() {
  /** @type {Map<string, string>} */
  const sessions = new Map();
  return {
    /** @param {string} sellerId @returns {string} the new session id */
    open(sellerId) {
      const id = randomBytes(24).toString('base64url');
      sessions.set(id, sellerId);
      return id;
    },
    /** @param {string | undefined} id */
    sellerId(id) {
      return id ? sessions.get(id) : undefined;
    },
    /** @param {string | undefined} id */
    close(id) {
      if (id) sessions.delete(id);
    },
  };
}

/**
 * Reads one cookie from a Cookie header (no dependency needed for one value).
 * @param {string | undefined} header
 * @param {string} name
 */
export function readCookie(header, name) {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * Signs the broker token for a seller.
 * @param {{ secret: Uint8Array, sellerId: string, dotsUserId?: string }} input
 */
export async function signSellerToken({ secret, sellerId, dotsUserId }) {
  /** @type {Record<string, unknown>} */
  const claims = { scope: DEMO_SCOPES, max_payout_cents: DEMO_MAX_PAYOUT_CENTS };
  if (dotsUserId) claims.dots_user_id = dotsUserId;
  const expiresAt = Math.floor(Date.now() / 1000) + TOKEN_TTL_SECONDS;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sellerId)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(secret);
  return { token, expiresAt };
}
