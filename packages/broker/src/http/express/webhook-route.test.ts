import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createBroker } from '../../create-broker';
import { createMemoryStore } from '../../store/memory-store';
import {
  capturedLogLines,
  captureLogger,
  JWT_SECRET,
  signWebhook,
  UNREACHED_DOTS,
  WEBHOOK_SECRET,
} from '../../test-support/helpers';

const dots = UNREACHED_DOTS;

const brokers: ReturnType<typeof createBroker>[] = [];
afterAll(() => Promise.all(brokers.map((b) => b.close())));

/** A host app with `before` mounted ahead of the broker. */
function host(before: express.RequestHandler[]) {
  const broker = createBroker({
    dots,
    auth: { jwtSecret: JWT_SECRET },
    store: createMemoryStore(),
    webhookSecret: WEBHOOK_SECRET,
    logger: captureLogger(),
  });
  brokers.push(broker);
  const app = express();
  if (before.length > 0) app.use(...before);
  app.use(broker);
  return { app, broker };
}

const delivery = () => {
  const body = JSON.stringify({ event: 'app.updated', app_id: 'app_x' });
  return { body, headers: signWebhook(body) };
};

const send = (app: express.Express) => {
  const { body, headers } = delivery();
  return request(app).post('/webhooks').set(headers).send(body);
};

describe('POST /webhooks behind a host body parser', () => {
  it('answers 500 webhook_body_parsed naming the fix, and logs it once without a stack', async () => {
    const { app } = host([express.json()]);
    const first = capturedLogLines.length;
    const a = await send(app);
    const b = await send(app);
    for (const res of [a, b]) {
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe('webhook_body_parsed');
      expect(res.body.error.message).toMatch(/express\.json\(\)/);
      expect(res.body.error.message).toMatch(/Mount the broker before body parsers/);
    }
    const lines = capturedLogLines.slice(first).filter((l) => /"level":50/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/webhook_body_parsed/);
    expect(lines[0]).not.toMatch(/"stack"/);
  });

  it('counts each such delivery in /metrics', async () => {
    const { app } = host([express.urlencoded({ extended: false, type: () => true })]);
    await send(app);
    const metrics = await request(app).get('/metrics');
    expect(metrics.text).toMatch(/dotskit_broker_webhooks_total\{outcome="body_parsed"\} 1/);
  });

  it('still verifies a webhook when the host kept the raw bytes (express.raw first)', async () => {
    const { app, broker } = host([express.raw({ type: () => true })]);
    const res = await send(app);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, duplicate: false });
    await broker.idle();
  });
});

describe('POST /webhooks: the body is checked against the shapes Dots sends', () => {
  it('a signed body Dots never sends is a 400 with field details, counted as invalid', async () => {
    const { app } = host([]);
    for (const payload of [{ event: 'flow.updated', flow_id: 42 }, ['flow.updated'], 'x']) {
      const body = JSON.stringify(payload);
      const res = await request(app).post('/webhooks').set(signWebhook(body)).send(body);
      expect(res.status, body).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    const res = await request(app)
      .post('/webhooks')
      .set(signWebhook('{"flow_id":42}'))
      .send('{"flow_id":42}');
    expect(res.body.error.details.fields).toEqual([
      expect.objectContaining({ path: 'flow_id', code: 'invalid_type' }),
    ]);
    const metrics = await request(app).get('/metrics');
    expect(metrics.text).toMatch(/dotskit_broker_webhooks_total\{outcome="invalid"\} 4/);
  });

  it('accepts the type-less bodies Dots sends: a full payout link with a null transfer_id', async () => {
    const { app, broker } = host([]);
    const link = {
      id: 'e5d5863a-498d-4551-a3dc-e31012503f23',
      created: '2024-07-11T12:31:33.479437',
      link: 'https://my-sandbox.dots.dev/flow/7c22fd05-147e-48bb-b008-f48f24b76ea4',
      amount: 123,
      status: 'created',
      flow_id: '7c22fd05-147e-48bb-b008-f48f24b76ea4',
      transfer_id: null,
      claimed_user_id: null,
    };
    const body = JSON.stringify(link);
    const res = await request(app).post('/webhooks').set(signWebhook(body)).send(body);
    expect(res.status).toBe(200);
    await broker.idle();
  });
});
