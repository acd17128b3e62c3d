import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from './store/memory-store';
import {
  checkNoSecretLeaks,
  JWT_SECRET,
  type RunningBroker,
  startBroker,
  token,
  UNREACHED_DOTS,
  WEBHOOK_SECRET,
} from './test-support/helpers';

const dots = UNREACHED_DOTS;

checkNoSecretLeaks(dots.apiKey);
checkNoSecretLeaks(JWT_SECRET);
checkNoSecretLeaks(WEBHOOK_SECRET);

let b: RunningBroker;
beforeAll(async () => {
  b = await startBroker({
    dots,
    auth: { jwtSecret: JWT_SECRET },
    store: createMemoryStore(),
    allowedOrigins: ['https://shop.example'],
    rateLimit: { windowMs: 60_000, perPrincipal: 5, perIp: 1_000, shared: true },
    bodyLimit: '1kb',
  });
});
afterAll(() => b.close());

describe('authentication', () => {
  it('401 without a token, with a bad token, an expired one, or one without exp', async () => {
    const cases = [
      undefined,
      'Bearer not-a-jwt',
      `Bearer ${await token('alice', {}, { expiresIn: -10 })}`,
      `Bearer ${await token('alice', {}, { secret: 'another-secret-another-secret-another-secret' })}`,
    ];
    for (const authorization of cases) {
      const req = request(b.url).get('/flows/abc');
      const res = await (authorization ? req.set('authorization', authorization) : req);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    const { SignJWT } = await import('jose');
    const noExp = await new SignJWT({ scope: 'flows:read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .sign(new TextEncoder().encode(JWT_SECRET));
    const res = await request(b.url).get('/flows/abc').set('authorization', `Bearer ${noExp}`);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/exp/);
  });

  it('403 insufficient_scope when the token lacks the route scope', async () => {
    const t = await token('scopeless', { scope: 'flows:read' });
    const res = await request(b.url)
      .post('/flows')
      .set('authorization', `Bearer ${t}`)
      .send({ steps: ['compliance'] });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'insufficient_scope',
      details: { required_scope: 'flows:write' },
    });
  });
});

describe('input', () => {
  it('415 for a body that is not JSON', async () => {
    const t = await token('input-1');
    const res = await request(b.url)
      .post('/flows')
      .set('authorization', `Bearer ${t}`)
      .set('content-type', 'text/plain')
      .send('steps=compliance');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('413 for a body above the limit', async () => {
    const t = await token('input-2');
    const res = await request(b.url)
      .post('/flows')
      .set('authorization', `Bearer ${t}`)
      .send({ steps: ['compliance'], metadata: { pad: 'x'.repeat(4000) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('400 with field-level details; user_id in the body is refused', async () => {
    const t = await token('input-3');
    const res = await request(b.url)
      .post('/flows')
      .set('authorization', `Bearer ${t}`)
      .send({ steps: ['not-a-step'], user_id: '7d7c0d44-1f4c-4e3f-9a55-6d1a8c3c7c11' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    const paths = res.body.error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toContain('steps.0');
    expect(paths).toContain('user_id');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('400 invalid_json for malformed JSON', async () => {
    const t = await token('input-4');
    const res = await request(b.url)
      .post('/flows')
      .set('authorization', `Bearer ${t}`)
      .set('content-type', 'application/json')
      .send('{"steps":');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('403 limit_exceeded for a payout link above max_payout_cents', async () => {
    const t = await token('input-5', { max_payout_cents: 500 });
    const res = await request(b.url)
      .post('/payout-links')
      .set('authorization', `Bearer ${t}`)
      .send({ amount: 501 });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'limit_exceeded',
      details: { max_payout_cents: 500, amount: 501 },
    });
  });
});

describe('CORS', () => {
  it('answers preflights from allowed origins and refuses others', async () => {
    const ok = await request(b.url)
      .options('/flows')
      .set('origin', 'https://shop.example')
      .set('access-control-request-method', 'POST');
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(ok.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const bad = await request(b.url)
      .options('/flows')
      .set('origin', 'https://evil.example')
      .set('access-control-request-method', 'POST');
    expect(bad.status).toBe(403);
    expect(bad.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('403 for a state-changing request from a disallowed origin; reads carry no CORS grant', async () => {
    const t = await token('cors-1');
    const post = await request(b.url)
      .post('/flows')
      .set('origin', 'https://evil.example')
      .set('authorization', `Bearer ${t}`)
      .send({ steps: ['compliance'] });
    expect(post.status).toBe(403);
    expect(post.body.error.code).toBe('origin_not_allowed');
    const get = await request(b.url).get('/healthz').set('origin', 'https://evil.example');
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limits', () => {
  it('429 with Retry-After once a principal passes its limit, counted in the store', async () => {
    const t = await token('busy-user', { scope: '' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await request(b.url).get('/flows/x').set('authorization', `Bearer ${t}`)).status,
      );
    expect(statuses.slice(0, 5)).toEqual([403, 403, 403, 403, 403]);
    const res = await request(b.url).get('/flows/x').set('authorization', `Bearer ${t}`);
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await b.broker.store.hitRateLimit('rl:sub:busy-user', 60_000)).hits).toBeGreaterThan(6);
  });

  it('limits per IP before authentication; without a shared store, counts in process memory', async () => {
    const ip = await startBroker({
      dots,
      auth: { jwtSecret: JWT_SECRET },
      store: createMemoryStore(),
      rateLimit: { perIp: 2 },
    });
    try {
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await request(ip.url).get('/flows/x'));
      expect(answers.map((a) => a.status)).toEqual([401, 401, 429]);
      // IETF draft-7 headers on every answer, the 429 included.
      expect(answers.map((a) => a.headers['ratelimit-policy'])).toEqual([
        '2;w=60',
        '2;w=60',
        '2;w=60',
      ]);
      // `reset`: whole seconds left in the window (60 s).
      expect(answers.map((a) => a.headers.ratelimit)).toEqual([
        expect.stringMatching(/^limit=2, remaining=1, reset=(59|60)$/),
        expect.stringMatching(/^limit=2, remaining=0, reset=(59|60)$/),
        expect.stringMatching(/^limit=2, remaining=0, reset=(59|60)$/),
      ]);
      // Not counted in the (memory) BrokerStore: only this call's hit is there.
      expect((await ip.broker.store.hitRateLimit('rl:ip:127.0.0.1', 60_000)).hits).toBe(1);
    } finally {
      await ip.close();
    }
  });
});

describe('mounting', () => {
  it('works under a base path, and leaves the host app’s other routes alone', async () => {
    const mounted = await startBroker(
      {
        dots,
        auth: { jwtSecret: JWT_SECRET },
        store: createMemoryStore(),
        rateLimit: { perIp: 1 },
      },
      '/dots',
    );
    const root = await startBroker({
      dots,
      auth: { jwtSecret: JWT_SECRET },
      store: createMemoryStore(),
      rateLimit: { perIp: 1 },
    });
    try {
      expect((await request(mounted.url).get('/healthz')).status).toBe(200);
      expect((await request(mounted.url).get('/flows/x')).status).toBe(401);
      root.app.post('/login', (_req, res) => {
        res.status(204).end();
      });
      for (let i = 0; i < 3; i++) {
        const host = await request(root.url).post('/login').set('origin', 'https://evil.example');
        expect(host.status).toBe(204);
        expect(host.headers['x-request-id']).toBeUndefined();
      }
    } finally {
      await mounted.close();
      await root.close();
    }
  });
});
