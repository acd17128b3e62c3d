import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBroker } from '../../create-broker';
import { createMemoryStore } from '../../store/memory-store';
import {
  captureLogger,
  JWT_SECRET,
  type RunningBroker,
  startBroker,
  UNREACHED_DOTS,
} from '../../test-support/helpers';

const dots = UNREACHED_DOTS;

let b: RunningBroker;
beforeAll(async () => {
  // startBroker's app trusts loopback proxies, as the README asks hosts to set it up.
  b = await startBroker({ dots, auth: { jwtSecret: JWT_SECRET }, store: createMemoryStore() });
});
afterAll(() => b.close());

/** A POST /flows without a token: 401 once past the origin check, 403 when refused by it. */
const post = (headers: Record<string, string>, app: string | express.Express = b.url) => {
  const req = request(app).post('/flows');
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return req.send({ steps: ['compliance'] });
};

describe('same-origin behind a proxy', () => {
  it('accepts a Next.js rewrites() request (Host rewritten, X-Forwarded-* set)', async () => {
    const res = await post({
      origin: 'http://localhost:3000',
      'x-forwarded-host': 'localhost:3000',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': '3000',
      'x-forwarded-for': '127.0.0.1',
    });
    expect(res.status).toBe(401);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });

  it('accepts a Vite dev proxy with changeOrigin: true (with xfwd, and by Sec-Fetch-Site without)', async () => {
    const xfwd = await post({
      origin: 'http://localhost:5173',
      'x-forwarded-host': 'localhost:5173',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': '5173',
      'x-forwarded-for': '127.0.0.1',
    });
    expect(xfwd.status).toBe(401);
    const plain = await post({ origin: 'http://localhost:5173', 'sec-fetch-site': 'same-origin' });
    expect(plain.status).toBe(401);
  });

  it('accepts an RFC 7239 Forwarded header and a default port', async () => {
    const res = await post({
      origin: 'https://shop.test',
      forwarded: 'for=203.0.113.9;host="shop.test:443";proto=https, for=10.0.0.1',
    });
    expect(res.status).toBe(401);
  });

  it('still refuses another site, whatever it forwards or claims', async () => {
    const cases: Record<string, string>[] = [
      { origin: 'https://evil.example', 'x-forwarded-host': 'localhost:3000' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'http://localhost:3000', 'x-forwarded-host': 'localhost:3000/@evil.example' },
      {
        origin: 'http://localhost:3000',
        'x-forwarded-host': 'localhost:3000',
        'x-forwarded-proto': 'javascript',
      },
    ];
    for (const headers of cases) {
      const res = await post(headers);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('origin_not_allowed');
    }
  });

  it('ignores forwarded headers from an untrusted peer, and the refusal names the fixes', async () => {
    const broker = createBroker({
      dots,
      auth: { jwtSecret: JWT_SECRET },
      store: createMemoryStore(),
      logger: captureLogger(),
    });
    const app = express();
    app.set('trust proxy', false);
    app.use(broker);
    try {
      const res = await post(
        { origin: 'http://localhost:3000', 'x-forwarded-host': 'localhost:3000' },
        app,
      );
      expect(res.status).toBe(403);
      expect(res.body.error.details).toEqual({ origin: 'http://localhost:3000' });
      expect(res.body.error.message).toMatch(/allowedOrigins/);
      expect(res.body.error.message).toMatch(/DOTSKIT_ALLOWED_ORIGINS/);
      expect(res.body.error.message).toMatch(/trust proxy/);
      expect(res.body.error.message).toMatch(/X-Forwarded-Host/);
      const preflight = await request(app)
        .options('/flows')
        .set('origin', 'http://localhost:3000')
        .set('access-control-request-method', 'POST');
      expect(preflight.status).toBe(403);
      expect(preflight.body.error.message).toMatch(/allowedOrigins/);
    } finally {
      await broker.close();
    }
  });
});
