import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flowSchema } from '@dotskit/api';
import { type RunningSandbox, startSandbox } from '@dotskit/sandbox';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { webhookJobId } from './jobs/job-ids';
import { createSqliteStore } from './store/sqlite-store';
import {
  checkNoSecretLeaks,
  JWT_SECRET,
  signWebhook,
  startBroker,
  TEST_API_KEY,
  TEST_CLIENT_ID,
  token,
  WEBHOOK_SECRET,
} from './test-support/helpers';
import { openSse } from './test-support/sse-client';
import { countingFetch, type UpstreamCall } from './test-support/stack';

checkNoSecretLeaks();

let sandbox: RunningSandbox;
let dir: string;
beforeAll(async () => {
  sandbox = await startSandbox({
    enableControls: true,
    clientId: TEST_CLIENT_ID,
    apiKey: TEST_API_KEY,
  });
  dir = await mkdtemp(join(tmpdir(), 'dotskit-broker-'));
});
afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

const brokerOn = (file: string, calls: UpstreamCall[]) =>
  startBroker({
    dots: {
      clientId: TEST_CLIENT_ID,
      apiKey: TEST_API_KEY,
      environment: { baseUrl: `${sandbox.url}/api` },
      fetch: countingFetch(calls),
    },
    auth: { jwtSecret: JWT_SECRET },
    databaseUrl: `sqlite:${file}`,
    webhookSecret: WEBHOOK_SECRET,
  });

it('a restart on the same SQLite file loses no ownership, idempotency record or event', async () => {
  const file = join(dir, 'broker.db');
  const calls: UpstreamCall[] = [];
  const alice = `Bearer ${await token('alice')}`;
  const bob = `Bearer ${await token('bob')}`;

  const first = await brokerOn(file, calls);
  const created = await request(first.url)
    .post('/flows')
    .set('authorization', alice)
    .send({ steps: ['compliance'], idempotency_key: 'k-1' });
  expect(created.status).toBe(201);
  const flowId = flowSchema.parse(created.body).id;
  const body = JSON.stringify({ event: 'flow.updated', flow_id: flowId });
  const delivery = signWebhook(body, { id: 'msg_restart' });
  expect((await request(first.url).post('/webhooks').set(delivery).send(body)).status).toBe(200);
  await first.broker.idle();
  const events = await first.broker.store.eventsSince('alice', 0, 100);
  expect(events.map((e) => e.type)).toEqual(['flow.updated', 'flow.updated']);
  await first.close();

  const second = await brokerOn(file, calls);
  try {
    expect(second.broker.store.kind).toBe('sqlite');
    expect(
      (await request(second.url).get(`/flows/${flowId}`).set('authorization', alice)).status,
    ).toBe(200);
    expect(
      (await request(second.url).get(`/flows/${flowId}`).set('authorization', bob)).status,
    ).toBe(404);

    const posts = calls.filter((c) => c.method === 'POST').length;
    const replay = await request(second.url)
      .post('/flows')
      .set('authorization', alice)
      .send({ steps: ['compliance'], idempotency_key: 'k-1' });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(flowId);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(calls.filter((c) => c.method === 'POST').length).toBe(posts);
    const conflict = await request(second.url)
      .post('/flows')
      .set('authorization', alice)
      .send({ steps: ['payout'], idempotency_key: 'k-1' });
    expect(conflict.status).toBe(409);

    // The webhook id is remembered: a redelivery is not stored or published again.
    const again = await request(second.url).post('/webhooks').set(delivery).send(body);
    expect(again.body).toEqual({ received: true, duplicate: true });
    expect(await second.broker.store.countJobs('webhook')).toBe(1);

    // A browser reconnecting with Last-Event-ID 0 gets the events written before the restart.
    const sse = await openSse(`${second.url}/events`, await token('alice'), 0);
    await sse.next((m) => m.id === events[1]?.id);
    expect(sse.messages.map((m) => m.id)).toEqual(events.map((e) => e.id));
    sse.close();
  } finally {
    await second.close();
  }
});

it('a webhook stored but not yet published when the broker died is published after a restart', async () => {
  const file = join(dir, 'crashed.db');
  const calls: UpstreamCall[] = [];
  const first = await brokerOn(file, calls);
  const created = await request(first.url)
    .post('/flows')
    .set('authorization', `Bearer ${await token('carol')}`)
    .send({ steps: ['compliance'] });
  expect(created.status).toBe(201);
  const flowId = flowSchema.parse(created.body).id;
  await first.close();

  // What a SIGKILL between the 2xx and the publish leaves: the event stored, leased to the
  // dead process (lease 0 here, so that the test does not wait out the default 15 s).
  const store = createSqliteStore({ filename: file });
  await store.init();
  const stored = await store.enqueueJob(
    {
      id: webhookJobId('msg_orphan'),
      kind: 'webhook',
      payload: { type: 'flow.updated', payload: { flow_id: flowId }, receivedAt: Date.now() },
    },
    { leaseMs: 0 },
  );
  expect(stored).toBe(true);
  const before = (await store.eventsSince('carol', 0, 100)).length;
  await store.close();

  const second = await brokerOn(file, calls);
  try {
    const sse = await openSse(`${second.url}/events`, await token('carol'), 0);
    // The create's own event, then the one the restarted broker published from the store.
    await sse.next((m) => sse.messages.length > before && m.event === 'flow.updated');
    await second.broker.idle();
    expect(sse.messages.filter((m) => m.event === 'flow.updated')).toHaveLength(before + 1);
    expect(await second.broker.store.countPendingJobs(3_600_000)).toBe(0);
    sse.close();
  } finally {
    await second.close();
  }
});

it('a payout batch created just before a restart is still followed to completed', async () => {
  const file = join(dir, 'batches.db');
  const calls: UpstreamCall[] = [];
  const first = await brokerOn(file, calls);
  const user = await first.broker.users.create(
    { sub: 'payroll', scopes: [] },
    {
      first_name: 'Pat',
      last_name: 'Payee',
      email: 'pat@example.com',
      country_code: '1',
      phone_number: '4155550142',
    },
  );
  const batch = await first.broker.payoutBatches.create({ sub: 'payroll', scopes: [] }, {
    items: [{ user_id: user.id, amount: 300, platform: 'paypal', fund: true }],
  } as never);
  expect(batch.status).not.toBe('completed');
  // Closed before its first poll (500 ms): the watch lives on in the store.
  await first.close();

  const second = await brokerOn(file, calls);
  try {
    const sse = await openSse(`${second.url}/events`, await token('payroll'), 0);
    const completed = await sse.next(
      (m) =>
        m.event === 'payout_batch.updated' && (m.data as { status: string }).status === 'completed',
      10_000,
    );
    expect((completed.data as { id: string }).id).toBe(batch.id);
    sse.close();
  } finally {
    await second.close();
  }
});
