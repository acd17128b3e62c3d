import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from './store/memory-store';
import {
  checkNoSecretLeaks,
  JWT_SECRET,
  type RunningBroker,
  signWebhook,
  startBroker,
  UNREACHED_DOTS,
  WEBHOOK_SECRET,
} from './test-support/helpers';

// Webhook intake alone: verification and dedupe answer before any upstream call.
const dots = UNREACHED_DOTS;
checkNoSecretLeaks(dots.apiKey);
checkNoSecretLeaks(WEBHOOK_SECRET);

let b: RunningBroker;
beforeAll(async () => {
  b = await startBroker({ dots, auth: { jwtSecret: JWT_SECRET }, store: createMemoryStore() });
});
afterAll(() => b.close());

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
