import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bearer as auth,
  checkNoSecretLeaks,
  JWT_SECRET,
  startBroker,
  TEST_API_KEY,
} from './test-support/helpers';
import { type Stack, startStack } from './test-support/stack';

checkNoSecretLeaks();

// A 300 ms upstream timeout so that the sandbox's injected latency times out quickly.
let s: Stack;
beforeAll(async () => {
  s = await startStack({}, { timeoutMs: 300 });
});
afterAll(() => s.close());
beforeEach(async () => {
  await s.control('PUT', '/_sandbox/faults', {});
});

describe('upstream failures', () => {
  it('maps a Dots 503 to 503, a 500 to 502 and a timeout to 504, in the broker shape', async () => {
    const bearer = await auth('lee');
    await s.control('PUT', '/_sandbox/faults', { error_rate: 1, error_status: 503 });
    const unavailable = await request(s.b.url)
      .post('/flows')
      .set('authorization', bearer)
      .send({ steps: ['compliance'] });
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.error.code).toBe('upstream_unavailable');

    await s.control('PUT', '/_sandbox/faults', { error_rate: 1, error_status: 500 });
    const failed = await request(s.b.url)
      .post('/flows')
      .set('authorization', bearer)
      .send({ steps: ['compliance'] });
    expect(failed.status).toBe(502);
    expect(failed.body.error).toMatchObject({
      code: 'upstream_error',
      details: { upstream_status: 500 },
    });

    await s.control('PUT', '/_sandbox/faults', { latency_ms: 1_000 });
    const slow = await request(s.b.url)
      .post('/flows')
      .set('authorization', bearer)
      .send({ steps: ['compliance'] });
    expect(slow.status).toBe(504);
    expect(slow.body.error.code).toBe('upstream_timeout');

    await s.control('PUT', '/_sandbox/faults', {});
    const ok = await request(s.b.url)
      .post('/flows')
      .set('authorization', bearer)
      .send({ steps: ['compliance'] });
    expect(ok.status).toBe(201);
  });

  it('maps a Dots input error to 400 with the Dots code', async () => {
    const res = await request(s.b.url)
      .post('/payout-links')
      .set('authorization', await auth('mia', { max_payout_cents: 10_000_000 }))
      .send({ amount: 1_000_000 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'invalid_input',
      details: { upstream_status: 400, dots_code: 'transaction-insufficient-funds' },
    });
  });

  it('answers 502 when Dots refuses the broker’s credentials, without echoing them', async () => {
    const wrongKey = `${TEST_API_KEY}_wrong`;
    const refused = await startBroker({
      dots: {
        clientId: 'x',
        apiKey: wrongKey,
        environment: { baseUrl: `${s.sandbox.url}/api` },
        maxRetries: 0,
      },
      auth: { jwtSecret: JWT_SECRET },
      databaseUrl: 'memory:',
    });
    try {
      const res = await request(refused.url)
        .post('/flows')
        .set('authorization', await auth('olga'))
        .send({ steps: ['compliance'] });
      expect(res.status).toBe(502);
      expect(res.body.error).toMatchObject({
        code: 'upstream_error',
        details: { upstream_status: 401 },
      });
      expect(JSON.stringify(res.body)).not.toContain(wrongKey);
    } finally {
      await refused.close();
    }
  });

  it('answers 503 when Dots cannot be reached, and never echoes the key', async () => {
    const down = await startBroker({
      dots: {
        clientId: 'x',
        apiKey: TEST_API_KEY,
        environment: { baseUrl: 'http://127.0.0.1:9/api' },
        maxRetries: 0,
      },
      auth: { jwtSecret: JWT_SECRET },
      databaseUrl: 'memory:',
    });
    try {
      const res = await request(down.url)
        .post('/flows')
        .set('authorization', await auth('nina'))
        .send({ steps: ['compliance'] });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('upstream_unavailable');
      expect(JSON.stringify(res.body)).not.toContain(TEST_API_KEY);
    } finally {
      await down.close();
    }
  });
});
