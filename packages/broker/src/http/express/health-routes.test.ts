import { Registry } from 'prom-client';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createBroker } from '../../create-broker';
import { createMemoryStore } from '../../store/memory-store';
import {
  JWT_SECRET,
  type RunningBroker,
  startBroker,
  UNREACHED_DOTS,
} from '../../test-support/helpers';

const dots = UNREACHED_DOTS;
const METRICS_TOKEN = 'metrics-token-0f3b9c2e7a5d4e1f8b6c9a';

const running: RunningBroker[] = [];
afterAll(() => Promise.all(running.map((b) => b.close())));
const start = async (extra: Record<string, unknown>) => {
  const b = await startBroker({
    dots,
    auth: { jwtSecret: JWT_SECRET },
    store: createMemoryStore(),
    ...extra,
  });
  running.push(b);
  return b;
};

describe('GET /metrics protection', () => {
  it('with metricsToken, answers only a matching bearer token', async () => {
    const b = await start({ metricsToken: METRICS_TOKEN });
    for (const authorization of [
      undefined,
      'Bearer nope',
      `Basic ${METRICS_TOKEN}`,
      `Bearer ${METRICS_TOKEN}x`,
    ]) {
      const req = request(b.url).get('/metrics');
      const res = await (authorization ? req.set('authorization', authorization) : req);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.text).not.toMatch(/dotskit_broker_/);
    }
    const ok = await request(b.url).get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(/dotskit_broker_requests_total/);
    // The health probes stay open.
    expect((await request(b.url).get('/healthz')).status).toBe(200);
  });

  it('with metricsRoute: false, the router does not serve /metrics; the registry still fills', async () => {
    const registry = new Registry();
    const b = await start({ metricsRoute: false, metricsRegistry: registry });
    expect((await request(b.url).get('/healthz')).status).toBe(200);
    const res = await request(b.url).get('/metrics');
    expect(res.status).toBe(404);
    expect(res.text).not.toMatch(/dotskit_broker_/);
    expect(await registry.metrics()).toMatch(
      /dotskit_broker_requests_total\{method="GET",route="GET \/healthz"/,
    );
  });

  it.each([
    [{ metricsToken: 'short' }, /metricsToken` must be at least 32/],
    [{ metricsToken: 'x'.repeat(40) }, /metricsToken` has fewer than 8/],
    [{ metricsRoute: 'no' }, /metricsRoute` must be a boolean/],
  ])('refuses %j at creation', (extra, message) => {
    expect(() =>
      createBroker({
        dots,
        auth: { jwtSecret: JWT_SECRET },
        databaseUrl: 'memory:',
        ...(extra as object),
      }),
    ).toThrow(message);
  });
});
