/**
 * The fake broker's tokens and scopes. A token names its principal and carries its scopes
 * the way the broker's JWT does (`sub`, `scope`): `token-<n>` is the default principal
 * with every scope, `token-<n>@<principal>` another principal, and a `#<scope>,<scope>`
 * suffix narrows the scopes (`#` alone: none). `<n>` is the token version that
 * `revokeToken()` bumps.
 */

/** The scopes the broker checks (its `BrokerScope`). A token may carry others; they are ignored. */
export const FAKE_BROKER_SCOPES = [
  'flows:write',
  'flows:read',
  'payout_links:write',
  'payout_links:read',
  'payouts:read',
] as const;

/** One scope the broker checks. */
export type FakeBrokerScope = (typeof FAKE_BROKER_SCOPES)[number];

/** Who a token signs in as. */
export interface FakeCaller {
  principal: string;
  scopes: ReadonlySet<string>;
}

const TOKEN = /^Bearer token-(\d+)(?:@([^#]+))?(?:#(.*))?$/;

/** The token string for `principal` (`scopes` omitted = every scope). */
export function formatToken(
  version: number,
  principal: string,
  defaultPrincipal: string,
  scopes?: readonly string[],
): string {
  if (principal.includes('#') || principal.length === 0)
    throw new TypeError(`[dotskit] fake broker: a principal is a non-empty name without '#'`);
  const who = principal === defaultPrincipal ? '' : `@${principal}`;
  return `token-${version}${who}${scopes ? `#${scopes.join(',')}` : ''}`;
}

/**
 * Reads an `Authorization` header: the caller, or `null` when it is missing, malformed or
 * of another token version (the broker's 401 `unauthorized`).
 */
export function parseToken(
  authorization: string | null,
  version: number,
  defaultPrincipal: string,
): FakeCaller | null {
  const m = TOKEN.exec(authorization ?? '');
  if (!m || Number(m[1]) !== version) return null;
  const scopes = m[3] === undefined ? FAKE_BROKER_SCOPES : m[3].split(',').filter(Boolean);
  return { principal: m[2] ?? defaultPrincipal, scopes: new Set(scopes) };
}

/** The scope a stream needs to receive an event type, as the broker's SSE hub decides. */
export function scopeForEvent(type: string): FakeBrokerScope {
  if (type.startsWith('flow.')) return 'flows:read';
  if (type.startsWith('payout_link.')) return 'payout_links:read';
  return 'payouts:read';
}
