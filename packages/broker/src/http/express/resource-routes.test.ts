import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createBroker } from '../../create-broker';
import { createMemoryStore } from '../../store/memory-store';
import { bearer, captureLogger, JWT_SECRET, UNREACHED_DOTS } from '../../test-support/helpers';

const broker = createBroker({
  dots: UNREACHED_DOTS,
  auth: { jwtSecret: JWT_SECRET },
  store: createMemoryStore(),
  logger: captureLogger('warn'),
});
// The host's own routes after the broker, as an app mounting it at `/` has them.
const app = express()
  .use(broker)
  .get('/flows-report', (_req, res) => void res.json({ host: true }))
  .use((_req, res) => void res.status(404).json({ host: 'not found' }));
afterAll(() => broker.close());

describe('resource routes (one middleware over the route table)', () => {
  it('answers HEAD on a read route as its GET, without a body', async () => {
    const auth = await bearer('head-user');
    const get = await request(app).get('/flows/flow_unknown').set('authorization', auth);
    const head = await request(app).head('/flows/flow_unknown').set('authorization', auth);
    expect(get.status).toBe(404);
    expect(get.body.error.code).toBe('not_found');
    expect(head.status).toBe(404);
    expect(head.text ?? '').toBe('');
  });

  it("leaves paths and methods outside the table to the host's routes", async () => {
    expect((await request(app).get('/flows-report')).body).toEqual({ host: true });
    expect((await request(app).put('/flows/x')).body).toEqual({ host: 'not found' });
    expect((await request(app).get('/flows/a/b')).body).toEqual({ host: 'not found' });
  });

  it('names the route for metrics and runs the guards: no token is a 401', async () => {
    const res = await request(app).get('/flows/flow_1');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('a malformed percent-encoding in the id is a 4xx, never a 5xx', async () => {
    const res = await request(app)
      .get('/flows/%E0%A4%A')
      .set('authorization', await bearer('u'));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
