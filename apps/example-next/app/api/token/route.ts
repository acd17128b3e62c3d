// Mints a short-lived broker token for the signed-in seller (POST: it may sign one in).
// The sign-in is a stand-in, a cookie naming a new seller: use your own session instead.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { requiredEnv } from '../../../lib/dots-env.js';

export const runtime = 'nodejs';

export async function POST(request: Request): Promise<Response> {
  const signedIn = /(?:^|;\s*)seller=(seller-[\w-]+)/.exec(request.headers.get('cookie') ?? '');
  const sellerId = signedIn?.[1] ?? `seller-${randomUUID()}`;
  const token = await new SignJWT({
    scope: 'flows:write flows:read payout_links:write payout_links:read payouts:read',
    max_payout_cents: 50_000, // the largest payout link this seller may create
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sellerId)
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(requiredEnv('DOTSKIT_JWT_SECRET')));
  const headers = { 'Set-Cookie': `seller=${sellerId}; Path=/; HttpOnly; SameSite=Lax` };
  return Response.json({ token }, { headers });
}
