import { createHmac } from 'node:crypto';
import { ALL_SCOPES, JWT_SECRET } from './constants';

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** Signs a JWT with HS256 (or writes `alg: none` with an empty signature). */
export function signJwt(
  claims: Record<string, unknown>,
  { secret = JWT_SECRET, alg = 'HS256' }: { secret?: string; alg?: 'HS256' | 'none' | string } = {},
): string {
  const head = `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  if (alg === 'none') return `${head}.`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** A valid token for `sub` with every scope, expiring in 10 minutes. */
export function tokenFor(sub: string, extra: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt({
    sub,
    scope: ALL_SCOPES,
    max_payout_cents: 1_000_000,
    iat: now,
    exp: now + 600,
    ...extra,
  });
}

/** Bad tokens, each with what is wrong with it. All must get 401. */
export function badTokens(sub = 'mallory'): { name: string; token: string }[] {
  const now = Math.floor(Date.now() / 1000);
  const good = { sub, scope: ALL_SCOPES, iat: now, exp: now + 600 };
  const [h, p] = tokenFor(sub).split('.');
  return [
    { name: 'alg none', token: signJwt(good, { alg: 'none' }) },
    {
      name: 'alg none, HS256 signature kept',
      token: `${signJwt(good, { alg: 'none' })}${tokenFor(sub).split('.')[2]}`,
    },
    { name: 'wrong key', token: signJwt(good, { secret: `${JWT_SECRET}-wrong` }) },
    { name: 'HS512', token: signJwt(good, { alg: 'HS512' }) },
    { name: 'expired', token: signJwt({ ...good, exp: now - 60 }) },
    { name: 'no exp', token: signJwt({ sub, scope: ALL_SCOPES, iat: now }) },
    { name: 'no sub', token: signJwt({ scope: ALL_SCOPES, iat: now, exp: now + 600 }) },
    { name: 'empty sub', token: signJwt({ ...good, sub: '' }) },
    { name: 'numeric sub', token: signJwt({ ...good, sub: 42 }) },
    { name: 'not yet valid', token: signJwt({ ...good, nbf: now + 3600 }) },
    { name: 'scope not a string', token: signJwt({ ...good, scope: ['flows:read'] }) },
    { name: 'bad max_payout_cents', token: signJwt({ ...good, max_payout_cents: -1 }) },
    {
      name: 'tampered payload',
      token: `${h}.${b64url(JSON.stringify({ ...good, sub: 'admin' }))}.${tokenFor(sub).split('.')[2]}`,
    },
    { name: 'two parts', token: `${h}.${p}` },
    { name: 'garbage', token: 'not-a-jwt' },
    { name: 'header not JSON', token: `${b64url('{')}.${p}.x` },
  ];
}
