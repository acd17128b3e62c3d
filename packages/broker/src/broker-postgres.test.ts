import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flowSchema } from '@dotskit/api';
import { type RunningSandbox, startSandbox } from '@dotskit/sandbox';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPostgresStore } from './store/postgres-store';
import { createTestDatabase, type TestDatabase } from './store/test-support/pg-database';
import { startTestPostgres, type TestPostgres } from './store/test-support/pg-server';
import { type BinRun, buildBin, runBin } from './test-support/bin-process';
import {
  checkNoSecretLeaks,
  JWT_SECRET,
  startBroker,
  TEST_API_KEY,
  TEST_CLIENT_ID,
  token,
  WEBHOOK_SECRET,
} from './test-support/helpers';
import { openSse } from './test-support/sse-client';

checkNoSecretLeaks();

let pgServer: TestPostgres;
let db: TestDatabase;
let sandbox: RunningSandbox;
let dir: string;
const bins: BinRun[] = [];

beforeAll(async () => {
  pgServer = await startTestPostgres();
  db = await createTestDatabase(pgServer.url);
  sandbox = await startSandbox({
    enableControls: true,
    clientId: TEST_CLIENT_ID,
    apiKey: TEST_API_KEY,
  });
  dir = await mkdtemp(join(tmpdir(), 'dotskit-pg-bin-'));
}, 60_000);
afterAll(async () => {
  for (const bin of bins) bin.child.kill('SIGTERM');
  await Promise.all(bins.map((b) => b.exit));
  await sandbox?.close();
  await db?.drop();
  await pgServer?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('PostgreSQL: two broker processes share one database', () => {
  it('a webhook into process 1 reaches an SSE client of process 2; ownership and idempotency are shared', async () => {
    const binFile = await buildBin();
    const env = {
      DOTS_CLIENT_ID: TEST_CLIENT_ID,
      DOTS_API_KEY: TEST_API_KEY,
      DOTS_ENVIRONMENT: `${sandbox.url}/api`,
      DOTSKIT_JWT_SECRET: JWT_SECRET,
      DOTS_WEBHOOK_SECRET: WEBHOOK_SECRET,
      DATABASE_URL: db.url,
      PORT: '0',
    };
    const one = runBin(binFile, env, dir);
    bins.push(one);
    const url1 = await one.listening();
    const two = runBin(binFile, env, dir);
    bins.push(two);
    const url2 = await two.listening();
    expect(one.stdout).toMatch(/store: postgres \(127\.0\.0\.1/);
    expect(one.stdout).not.toMatch(/postgres:\/\//);

    // Dots webhooks go to process 1 only.
    await fetch(`${sandbox.url}/_sandbox/webhook-endpoints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${url1}/webhooks`, secret: WEBHOOK_SECRET }),
    });
    const alice = `Bearer ${await token('alice')}`;
    const created = await request(url1)
      .post('/flows')
      .set('authorization', alice)
      .send({ steps: ['compliance'], idempotency_key: 'pg-1' });
    expect(created.status).toBe(201);
    const flowId = flowSchema.parse(created.body).id;

    // Shared ownership and idempotency records.
    expect((await request(url2).get(`/flows/${flowId}`).set('authorization', alice)).status).toBe(
      200,
    );
    expect(
      (
        await request(url2)
          .get(`/flows/${flowId}`)
          .set('authorization', `Bearer ${await token('bob')}`)
      ).status,
    ).toBe(404);
    const replay = await request(url2)
      .post('/flows')
      .set('authorization', alice)
      .send({ steps: ['compliance'], idempotency_key: 'pg-1' });
    expect(replay.body.id).toBe(flowId);
    expect(replay.headers['idempotent-replayed']).toBe('true');

    // SSE on process 2; the webhook lands on process 1.
    const sse = await openSse(`${url2}/events`, await token('alice'));
    await fetch(`${sandbox.url}/_sandbox/flows/${flowId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const completed = await sse.next((m) => m.event === 'flow.completed', 10_000);
    expect((completed.data as { id: string }).id).toBe(flowId);
    sse.close();
    // Request lines reach stdout within the log's flush interval (and all of them at exit).
    await vi.waitFor(() => expect(one.stdout).toMatch(/"route":"POST \/webhooks","status":"200"/));

    // Concurrent identical requests on both processes: one flow upstream.
    const tag = `concurrent-${Date.now()}`;
    const body = { steps: ['payout'], metadata: { tag }, idempotency_key: tag };
    const [a, b] = await Promise.all([
      request(url1).post('/flows').set('authorization', alice).send(body),
      request(url2).post('/flows').set('authorization', alice).send(body),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    const list = (await (
      await fetch(`${sandbox.url}/api/v2/flows?limit=100`, {
        headers: {
          authorization: `Basic ${Buffer.from(`${TEST_CLIENT_ID}:${TEST_API_KEY}`).toString('base64')}`,
        },
      })
    ).json()) as { data: Array<{ metadata: { tag?: string } | null }> };
    expect(list.data.filter((f) => f.metadata?.tag === tag)).toHaveLength(1);

    for (const bin of [one, two]) {
      bin.child.kill('SIGTERM');
      expect(await bin.exit).toBe(0);
      expect(bin.stdout + bin.stderr).not.toContain(TEST_API_KEY);
    }
    expect(two.stdout).not.toMatch(/POST \/webhooks/);
  });

  it('rate limits hold across broker instances', async () => {
    const limitsDb = await createTestDatabase(pgServer.url);
    const dots = {
      clientId: TEST_CLIENT_ID,
      apiKey: TEST_API_KEY,
      environment: { baseUrl: `${sandbox.url}/api` },
    };
    const options = {
      dots,
      auth: { jwtSecret: JWT_SECRET },
      rateLimit: { perPrincipal: 3, perIp: 1_000 },
    };
    const a = await startBroker({
      ...options,
      store: createPostgresStore({ connectionString: limitsDb.url }),
    });
    const b = await startBroker({
      ...options,
      store: createPostgresStore({ connectionString: limitsDb.url }),
    });
    try {
      const bearer = `Bearer ${await token('limited', { scope: '' })}`;
      const statuses = [];
      for (const url of [a.url, b.url, a.url, b.url])
        statuses.push((await request(url).get('/flows/x').set('authorization', bearer)).status);
      expect(statuses).toEqual([403, 403, 403, 429]);
    } finally {
      await a.close();
      await b.close();
      await a.broker.store.close();
      await b.broker.store.close();
      await limitsDb.drop();
    }
  });
});
