import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from './config.mjs';
import { startDemo } from './start-demo.mjs';

describe('demo server (sandbox + broker + host API, real HTTP)', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let dir: string;
  const bodies: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'demo-server-'));
    demo = await startDemo({
      ...readConfig({ PORT: '0', SANDBOX_PORT: '0' }),
      databaseUrl: `sqlite:${join(dir, 'demo.db')}`,
      staticDir: join(dir, 'no-front-end'),
    });
  });
  afterAll(async () => {
    await demo?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function call(path: string, init: RequestInit & { cookie?: string } = {}) {
    const response = await fetch(`${demo.url}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...init.headers,
      },
    });
    const text = await response.text();
    bodies.push(text, JSON.stringify([...response.headers]));
    return { status: response.status, text, response };
  }

  async function signIn(sellerId: string) {
    const r = await call('/api/session', { method: 'POST', body: JSON.stringify({ sellerId }) });
    const cookie = r.response.headers.get('set-cookie')?.split(';')[0] ?? '';
    return { ...r, cookie, body: JSON.parse(r.text) as { token: string; dotsUserId: null } };
  }

  it('serves the offline sandbox origin for <DotsProvider flowOrigins>', async () => {
    const r = await call('/api/config');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ flowOrigins: [new URL(demo.sandboxUrl!).origin] });
  });

  it('signs in a demo seller with an HttpOnly cookie and signs a short-lived broker JWT', async () => {
    const r = await signIn('seller_alice');
    expect(r.status).toBe(200);
    expect(r.response.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const claims = decodeJwt(r.body.token);
    expect(claims.sub).toBe('seller_alice');
    expect(claims.scope).toContain('flows:write');
    expect(claims.max_payout_cents).toBe(50_000);
    expect(Number(claims.exp) - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(300);

    const again = await call('/api/session', { cookie: r.cookie });
    expect(JSON.parse(again.text).seller.id).toBe('seller_alice');
  });

  it('answers 204 when signed out and rejects unknown sellers with a 400', async () => {
    expect((await call('/api/session')).status).toBe(204);
    const bad = await call('/api/session', {
      method: 'POST',
      body: JSON.stringify({ sellerId: 'mallory' }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error.code).toBe('invalid-input');
  });

  it('keeps money endpoints behind sign-in and onboarding', async () => {
    expect((await call('/api/wallet/fund', { method: 'POST', body: '{}' })).status).toBe(401);
    const { cookie } = await signIn('seller_bob');
    const invalid = await call('/api/wallet/fund', {
      method: 'POST',
      cookie,
      body: JSON.stringify({ amountCents: -5 }),
    });
    expect(invalid.status).toBe(400);
    const notOnboarded = await call('/api/wallet/fund', {
      method: 'POST',
      cookie,
      body: JSON.stringify({ amountCents: 500 }),
    });
    expect(notOnboarded.status).toBe(409);
    expect((await call('/api/batches/weekly', { method: 'POST', cookie })).status).toBe(409);
  });

  it('mounts the broker at /dots, which creates flows for the seller only', async () => {
    expect((await call('/dots/healthz')).status).toBe(200);
    const alice = await signIn('seller_alice');
    const bob = await signIn('seller_bob');
    const created = await call('/dots/flows', {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.body.token}` },
      body: JSON.stringify({ steps: ['compliance'] }),
    });
    expect(created.status).toBe(201);
    const flow = JSON.parse(created.text) as { id: string; link: string };
    expect(flow.link).toContain(`/flow/${flow.id}`);
    const asBob = await call(`/dots/flows/${flow.id}`, {
      headers: { authorization: `Bearer ${bob.body.token}` },
    });
    expect(asBob.status).toBe(404);
    expect((await call(`/dots/flows/${flow.id}`)).status).toBe(401);
  });

  it('never shows the Dots API key in any response body or header', () => {
    expect(bodies.length).toBeGreaterThan(10);
    // The key is random per start (`sk_sandbox_…`) and must never leave the server.
    for (const body of bodies) expect(body).not.toMatch(/sk_sandbox_/);
  });
});
