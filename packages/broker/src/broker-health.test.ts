import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBroker } from './create-broker';
import { createMemoryStore } from './store/memory-store';
import {
  captureLogger,
  JWT_SECRET,
  type RunningBroker,
  startBroker,
  token,
  UNREACHED_DOTS,
} from './test-support/helpers';

// Probes and metrics answer without any upstream call.
const dots = UNREACHED_DOTS;

let b: RunningBroker;
beforeAll(async () => {
  b = await startBroker({ dots, auth: { jwtSecret: JWT_SECRET }, store: createMemoryStore() });
});
afterAll(() => b.close());

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
