import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrokerProcess, startBrokerProcess } from './lib/broker-process';
import { WEBHOOK_SECRET } from './lib/constants';
import { bearer, request } from './lib/http';
import { tokenFor } from './lib/jwt';
import { type SandboxHandle, startSandboxHandle } from './lib/sandbox';
import { openEvents, type SseStream } from './lib/sse';
import { printTable } from './lib/table';

// Two principals on one broker (child process, SQLite, rate limits on). Alice creates one
// resource of every kind; Bob — and Mallory, whose token even carries Alice's Dots user id —
// must get 404 for each, and their streams (live and replayed) must carry none of her events.

let sandbox: SandboxHandle;
let broker: BrokerProcess;
const ALICE = 'iso-alice';
const BOB = 'iso-bob';
const resources: { endpoint: string; id: string }[] = [];
let aliceUserId = '';
let streams: Record<string, SseStream> = {};
const rows: Record<string, string | number>[] = [];

const as = (sub: string, extra: Record<string, unknown> = {}) => bearer(tokenFor(sub, extra));

beforeAll(async () => {
  sandbox = await startSandboxHandle();
  broker = await startBrokerProcess({
    sandboxUrl: sandbox.url,
    databaseUrl: `sqlite:${join(mkdtempSync(join(tmpdir(), 'dotskit-hardening-')), 'broker.db')}`,
  });
  await sandbox.control('POST', '/_sandbox/webhook-endpoints', {
    url: `${broker.url}/webhooks`,
    secret: WEBHOOK_SECRET,
  });
  streams = {
    alice: await openEvents(broker.url, tokenFor(ALICE)),
    bob: await openEvents(broker.url, tokenFor(BOB)),
  };
  const user = await sandbox.api('POST', '/v2/users', {
    first_name: 'Alice',
    last_name: 'Owner',
    email: 'alice.owner@example.com',
    country_code: '1',
    phone_number: '4155550111',
  });
  const userId = String((user.body as { id: string }).id);
  const flow = await request('POST', `${broker.url}/flows`, {
    headers: as(ALICE),
    body: { steps: ['compliance', 'manage-payouts'] },
  });
  const link = await request('POST', `${broker.url}/payout-links`, {
    headers: as(ALICE),
    body: { amount: 250, idempotency_key: 'shared-key-1' },
  });
  const transfer = await request('POST', `${broker.url}/_host/transfers`, {
    body: { sub: ALICE, amount: -200, user_id: userId, idempotency_key: 'alice-transfer-1' },
  });
  const batch = await request('POST', `${broker.url}/_host/payout-batches`, {
    body: {
      sub: ALICE,
      items: [{ amount: 100, user_id: userId, fund: true, platform: 'default' }],
      idempotency_key: 'alice-batch-1',
    },
  });
  for (const [endpoint, res] of [
    ['/flows/:id', flow],
    ['/payout-links/:id', link],
    ['/transfers/:id', transfer],
    ['/payout-batches/:id', batch],
  ] as const) {
    if (res.status !== 201)
      throw new Error(
        `setup: creating ${endpoint} as Alice → ${res.status} ${JSON.stringify(res.body)}`,
      );
    resources.push({ endpoint, id: String((res.body as { id: string }).id) });
  }
  const flowId = resources[0]?.id;
  if (!flowId) throw new Error('setup: no flow was created');
  // Alice onboards (the flow gains a Dots user) and her payout link is claimed: webhooks follow.
  const done = await sandbox.control('POST', `/_sandbox/flows/${flowId}/complete`, {});
  aliceUserId = String((done.flow as { user_id: string }).user_id);
  await sandbox.control('POST', `/_sandbox/payout-links/${resources[1]?.id}/claim`, {});
  await streams.alice?.waitFor((e) => e.event === 'flow.completed', 15_000);
  await streams.alice?.waitFor(
    (e) =>
      e.event === 'payout_link.updated' && (e.data as { status?: string }).status !== 'created',
    15_000,
  );
});

afterAll(async () => {
  for (const s of Object.values(streams)) s.close();
  await broker?.stop();
  await sandbox?.close();
  printTable('Isolation (issue 8 part 3)', rows, 'isolation');
});

describe('isolation between principals', () => {
  it('every read endpoint: the owner gets 200, anyone else 404 (even with the owner’s Dots user id)', async () => {
    const mallory = as('iso-mallory', { dots_user_id: aliceUserId });
    for (const { endpoint, id } of resources) {
      const path = endpoint.replace(':id', id);
      const owner = await request('GET', `${broker.url}${path}`, { headers: as(ALICE) });
      const bob = await request('GET', `${broker.url}${path}`, { headers: as(BOB) });
      const mal = await request('GET', `${broker.url}${path}`, { headers: mallory });
      const unknown = await request(
        'GET',
        `${broker.url}${endpoint.replace(':id', '0f0f0f0f-0000-4000-8000-000000000000')}`,
        {
          headers: as(ALICE),
        },
      );
      rows.push({
        check: `GET ${endpoint}`,
        owner: owner.status,
        'other principal': bob.status,
        'other principal with owner’s dots_user_id': mal.status,
        'owner, unknown id': unknown.status,
      });
      expect.soft(owner.status, `${endpoint} owner`).toBe(200);
      expect.soft(bob.status, `${endpoint} other principal`).toBe(404);
      expect.soft(mal.status, `${endpoint} other principal with dots_user_id`).toBe(404);
      expect.soft(unknown.status, `${endpoint} unknown id`).toBe(404);
      expect.soft(JSON.stringify(bob.body)).not.toContain(id);
    }
  });

  it('lists: no page of /transfers or /payout-links, for anyone else, carries an owner’s row', async () => {
    const aliceIds = new Set(resources.map((r) => r.id));
    const mallory = as('iso-mallory', { dots_user_id: aliceUserId });
    let pages = 0;
    let foreignRows = 0;
    const walk = async (path: string, headers: Record<string, string>, cursor?: string) => {
      for (let after = cursor, guard = 0; guard < 50; guard++) {
        const query = `limit=1${after ? `&starting_after=${after}` : ''}`;
        const res = await request('GET', `${broker.url}${path}?${query}`, { headers });
        expect.soft(res.status, `${path} as another principal`).toBe(200);
        const body = res.body as { data: { id: string }[]; has_more: boolean };
        pages++;
        foreignRows += body.data.filter((row) => aliceIds.has(row.id)).length;
        if (!body.has_more) return;
        after = body.data.at(-1)?.id;
      }
    };
    const owned: Record<string, number> = {};
    for (const path of ['/transfers', '/payout-links']) {
      const alice = await request('GET', `${broker.url}${path}?limit=100`, { headers: as(ALICE) });
      owned[path] = (alice.body as { data: unknown[] }).data.length;
      for (const headers of [as(BOB), mallory]) {
        await walk(path, headers);
        // Paging with the owner's own ids as cursors must not reach her list either.
        for (const { id } of resources) await walk(path, headers, id);
      }
    }
    rows.push({
      check: 'GET /transfers, GET /payout-links (every page, own and owner’s cursors)',
      owner: `${owned['/transfers']} transfers, ${owned['/payout-links']} payout links`,
      'other principal': `${foreignRows} of the owner’s rows in ${pages} pages`,
    });
    expect(owned['/transfers']).toBeGreaterThan(0);
    expect(owned['/payout-links']).toBeGreaterThan(0);
    expect(foreignRows).toBe(0);
  });

  it('an idempotency key reused by another principal creates their own object, never replays the owner’s', async () => {
    const alices = resources[1]?.id;
    const bob = await request('POST', `${broker.url}/payout-links`, {
      headers: as(BOB),
      body: { amount: 250, idempotency_key: 'shared-key-1' },
    });
    rows.push({
      check: 'POST /payout-links with the owner’s idempotency key',
      owner: 201,
      'other principal': `${bob.status} (${(bob.body as { id?: string }).id === alices ? 'SAME object' : 'own object'})`,
    });
    expect(bob.status).toBe(201);
    expect((bob.body as { id: string }).id).not.toBe(alices);
  });

  it('SSE: no stream, live or replayed, carries another principal’s event', async () => {
    const aliceIds = new Set(resources.map((r) => r.id));
    const leaks = (events: { data: unknown }[]) =>
      events.filter((e) => [...aliceIds].some((id) => JSON.stringify(e.data).includes(id))).length;
    // Bob makes events of his own; once his stream has them, anything of Alice's would be there too.
    const bobFlow = await request('POST', `${broker.url}/flows`, {
      headers: as(BOB),
      body: { steps: ['compliance'] },
    });
    const bobFlowId = (bobFlow.body as { id: string }).id;
    await streams.bob?.waitFor((e) => (e.data as { id?: string }).id === bobFlowId, 10_000);
    const bobReplay = await openEvents(broker.url, tokenFor(BOB), 0);
    await bobReplay.waitFor((e) => (e.data as { id?: string }).id === bobFlowId, 10_000);
    const malloryToken = tokenFor('iso-mallory', { dots_user_id: aliceUserId });
    const malFlow = await request('POST', `${broker.url}/flows`, {
      headers: bearer(malloryToken),
      body: { steps: ['compliance'] },
    });
    const malFlowId = (malFlow.body as { id: string }).id;
    const mallory = await openEvents(broker.url, malloryToken, 0);
    await mallory.waitFor((e) => (e.data as { id?: string }).id === malFlowId, 10_000);
    const aliceReplay = await openEvents(broker.url, tokenFor(ALICE), 0);
    await aliceReplay.waitFor((e) => e.event === 'flow.completed', 10_000);
    const aliceEvents = streams.alice?.events ?? [];
    rows.push({
      check: 'SSE /events',
      owner: `${aliceEvents.length} live / ${aliceReplay.events.length} replayed events`,
      'other principal': `${leaks(streams.bob?.events ?? [])} of the owner’s in ${streams.bob?.events.length} live, ${leaks(bobReplay.events)} in ${bobReplay.events.length} replayed`,
      'other principal with owner’s dots_user_id': `${leaks(mallory.events)} of the owner’s in ${mallory.events.length} replayed`,
    });
    bobReplay.close();
    mallory.close();
    aliceReplay.close();
    expect(aliceEvents.length).toBeGreaterThan(3);
    expect(leaks(streams.bob?.events ?? [])).toBe(0);
    expect(leaks(bobReplay.events)).toBe(0);
    expect(leaks(mallory.events)).toBe(0);
    expect(bobReplay.events.length).toBeGreaterThan(0);
    // Mallory's flow was created with Alice's Dots user id from her token: still her own object.
    expect(malFlow.status).toBe(201);
  });
});
