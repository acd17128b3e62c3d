import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBroker } from './create-broker';
import { createMemoryStore } from './store/memory-store';
import {
  captureLogger,
  checkNoSecretLeaks,
  JWT_SECRET,
  type RunningBroker,
  signWebhook,
  startBroker,
  token,
  WEBHOOK_SECRET,
} from './test-support/helpers';

// Guards that answer before any upstream call: the Dots base URL here is never reached.
const dots = {
  clientId: 'client',
  apiKey: 'key_never_used_upstream',
  environment: { baseUrl: 'http://127.0.0.1:9/api' },
} as const;

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

describe('health and metrics', () => {
  it('/healthz, /readyz and /metrics', async () => {
    expect((await request(b.url).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(b.url).get('/readyz')).body).toEqual({
      status: 'ready',
      store: 'memory',
    });
    const metrics = await request(b.url).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.text).toMatch(
      /dotskit_broker_requests_total\{method="GET",route="GET \/healthz",status="200"\} \d+/,
    );
    expect(metrics.text).toMatch(/dotskit_broker_request_duration_seconds_bucket/);
    expect(metrics.text).toMatch(/dotskit_broker_sse_streams_open 0/);
  });

  it('answers 503 not_ready while the store cannot open, and recovers when it can', async () => {
    const store = createMemoryStore();
    let starting = true;
    const init = store.init.bind(store);
    store.init = async () => {
      if (starting) throw new Error('database is starting up');
      return init();
    };
    const broker = createBroker({
      dots,
      auth: { jwtSecret: JWT_SECRET },
      store,
      logger: captureLogger(),
    });
    const app = express();
    app.use(broker);
    await expect(broker.ready()).rejects.toThrow('database is starting up');
    const t = await token('early');
    const down = await request(app).get('/flows/x').set('authorization', `Bearer ${t}`);
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('not_ready');
    starting = false;
    const up = await request(app).get('/flows/x').set('authorization', `Bearer ${t}`);
    expect(up.status).toBe(404);
    await broker.close();
  });

  it('/readyz answers 503 when the store is unreachable', async () => {
    const store = createMemoryStore();
    const down = await startBroker({ dots, auth: { jwtSecret: JWT_SECRET }, store });
    try {
      await store.close();
      const res = await request(down.url).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('not_ready');
    } finally {
      await down.close();
    }
  });
});

describe('webhooks', () => {
  const body = JSON.stringify({
    event: 'flow.updated',
    flow_id: '00000000-0000-4000-8000-000000000001',
  });

  it('stores a signed event once; a replay of the same svix-id is not stored again', async () => {
    const before = await b.broker.store.countJobs('webhook');
    const headers = signWebhook(body, { id: 'msg_once' });
    const first = await request(b.url).post('/webhooks').set(headers).send(body);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: true, duplicate: false });
    const replay = await request(b.url).post('/webhooks').set(headers).send(body);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ received: true, duplicate: true });
    expect(await b.broker.store.countJobs('webhook')).toBe(before + 1);
  });

  it('rejects forged, tampered and stale deliveries with 401 and stores nothing', async () => {
    const before = await b.broker.store.countJobs('webhook');
    const forged = signWebhook(body, {
      id: 'msg_forged',
      secret: `whsec_${Buffer.from('not-the-right-secret-at-all').toString('base64')}`,
    });
    const tampered = signWebhook(body, { id: 'msg_tampered' });
    const stale = signWebhook(body, {
      id: 'msg_stale',
      timestamp: new Date(Date.now() - 6 * 60_000),
    });
    const future = signWebhook(body, {
      id: 'msg_future',
      timestamp: new Date(Date.now() + 6 * 60_000),
    });
    const responses = [
      await request(b.url).post('/webhooks').set(forged).send(body),
      await request(b.url)
        .post('/webhooks')
        .set(tampered)
        .send(body.replace('flow.updated', 'flow.updatex')),
      await request(b.url).post('/webhooks').set({ 'content-type': 'application/json' }).send(body),
      await request(b.url).post('/webhooks').set(stale).send(body),
      await request(b.url).post('/webhooks').set(future).send(body),
    ];
    expect(responses.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(responses.map((r) => r.body.error.code)).toEqual(Array(5).fill('invalid_signature'));
    expect(responses[3]?.body.error.message).toMatch(/timestamp/);
    expect(await b.broker.store.countJobs('webhook')).toBe(before);
    const metrics = (await request(b.url).get('/metrics')).text;
    expect(metrics).toMatch(/dotskit_broker_webhooks_total\{outcome="stale"\} 2/);
    expect(metrics).toMatch(/dotskit_broker_webhooks_total\{outcome="invalid_signature"\} 3/);
  });

  it('verifies the exact bytes whatever the content type', async () => {
    const raw = `{ "event":"transfer.updated",  "transfer_id":"t-1" }`;
    const headers = { ...signWebhook(raw, { id: 'msg_bytes' }), 'content-type': 'text/plain' };
    expect((await request(b.url).post('/webhooks').set(headers).send(raw)).status).toBe(200);
  });

  it('503 when no webhook secret is configured', async () => {
    const none = await startBroker({
      dots,
      auth: { jwtSecret: JWT_SECRET },
      store: createMemoryStore(),
      webhookSecret: undefined,
    });
    try {
      const res = await request(none.url).post('/webhooks').set(signWebhook(body)).send(body);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('webhooks_disabled');
    } finally {
      await none.close();
    }
  });
});
