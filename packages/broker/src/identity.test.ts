import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { payoutLinkSchema } from '@dotskit/api';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './store/test-support/pg-database';
import { startTestPostgres, type TestPostgres } from './store/test-support/pg-server';
import { bearer, checkNoSecretLeaks } from './test-support/helpers';
import { type Stack, startStack } from './test-support/stack';
import type { Principal } from './types';

checkNoSecretLeaks();

let pgServer: TestPostgres;
let dir: string;
const databases: TestDatabase[] = [];
beforeAll(async () => {
  pgServer = await startTestPostgres();
  dir = await mkdtemp(join(tmpdir(), 'dotskit-identity-'));
}, 60_000);
afterAll(async () => {
  for (const db of databases) await db.drop();
  await pgServer?.stop();
  await rm(dir, { recursive: true, force: true });
});

const databaseUrl = async (store: 'sqlite' | 'postgres', name: string) => {
  if (store === 'sqlite') return `sqlite:${join(dir, `${name}.db`)}`;
  const db = await createTestDatabase(pgServer.url);
  databases.push(db);
  return db.url;
};

describe.each([
  ['sqlite', true],
  ['sqlite', false],
  ['postgres', true],
  ['postgres', false],
] as const)('explicit identity (%s store, webhooks %s)', (store, webhooks) => {
  let s: Stack;
  const linked: Array<{ sub: string; dotsUserId: string }> = [];
  beforeAll(async () => {
    s = await startStack({
      databaseUrl: await databaseUrl(store, `takeover-${webhooks}`),
      ...(webhooks ? {} : { webhookSecret: undefined }),
      onUserLinked: (principal: Principal, dotsUserId: string) => {
        linked.push({ sub: principal.sub, dotsUserId });
      },
    });
  }, 60_000);
  afterAll(() => s?.close());

  const lastFlowCreate = () =>
    s.calls.filter((c) => c.method === 'POST' && c.path === '/api/v2/flows').at(-1)?.body as {
      user_id?: string;
    };

  it("a payout link's claimant never becomes its creator's Dots user", async () => {
    // A onboards as herself.
    const own = await request(s.b.url)
      .post('/flows')
      .set('authorization', await bearer('creator-a'))
      .send({ steps: ['compliance', 'manage-payouts'] });
    expect(own.status).toBe(201);
    const done = await s.control('POST', `/_sandbox/flows/${own.body.id}/complete`, {});
    const aliceUser = (done.flow as { user_id: string }).user_id;
    expect(aliceUser).toMatch(/^[0-9a-f-]{36}$/);
    await s.b.broker.idle();

    // A creates a payout link; B claims it (B becomes the link flow's user).
    const link = await request(s.b.url)
      .post('/payout-links')
      .set('authorization', await bearer('creator-a', { max_payout_cents: 1_000 }))
      .send({ amount: 1 });
    expect(link.status).toBe(201);
    const claimed = await s.control('POST', `/_sandbox/payout-links/${link.body.id}/claim`, {});
    const bobUser = String(claimed.claimed_user_id);
    expect(bobUser).toMatch(/^[0-9a-f-]{36}$/);
    expect(bobUser).not.toBe(aliceUser);
    await s.b.broker.idle();

    // A reads the link and its flow: allowed (she follows them), and nothing is linked by it.
    const readLink = await request(s.b.url)
      .get(`/payout-links/${link.body.id}`)
      .set('authorization', await bearer('creator-a'));
    expect(readLink.status).toBe(200);
    const flowId = payoutLinkSchema.parse(readLink.body).flow_id;
    expect(flowId).toEqual(expect.any(String));
    const readFlow = await request(s.b.url)
      .get(`/flows/${flowId}`)
      .set('authorization', await bearer('creator-a'));
    expect(readFlow.status).toBe(200);
    expect(readFlow.body.user_id).toBe(bobUser);
    await s.b.broker.idle();

    // A's next flow carries A's own user; onUserLinked never named B's user for A.
    const next = await request(s.b.url)
      .post('/flows')
      .set('authorization', await bearer('creator-a'))
      .send({ steps: ['manage-payouts'] });
    expect(next.status).toBe(201);
    expect(lastFlowCreate().user_id).toBe(aliceUser);
    expect(next.body.user_id).toBe(aliceUser);
    expect(await s.b.broker.store.getLinkedUser('creator-a')).toBe(aliceUser);
    expect(linked.filter((l) => l.sub === 'creator-a')).toEqual([
      { sub: 'creator-a', dotsUserId: aliceUser },
    ]);
    expect(linked.some((l) => l.dotsUserId === bobUser)).toBe(false);

    // The creator's stream carries no event about the claim flow.
    const events = await s.b.broker.store.eventsSince('creator-a', 0, 1_000);
    expect(events.some((e) => (e.data as { id?: string }).id === flowId)).toBe(false);
    expect(events.some((e) => e.type === 'payout_link.updated')).toBe(true);
  });
});

describe('broker.users.link (the host says who a principal is)', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(() => s?.close());

  it('links, then refuses another user with 409 unless { replace: true }', async () => {
    const principal = { sub: 'host-linked', scopes: [] };
    await s.b.broker.users.link(principal, 'u_first');
    await s.b.broker.users.link(principal, 'u_first');
    await expect(s.b.broker.users.link(principal, 'u_second')).rejects.toMatchObject({
      code: 'user_link_conflict',
      status: 409,
      details: { current_dots_user_id: 'u_first' },
    });
    expect(await s.b.broker.store.getLinkedUser('host-linked')).toBe('u_first');
    await s.b.broker.users.link(principal, 'u_second', { replace: true });
    expect(await s.b.broker.store.getLinkedUser('host-linked')).toBe('u_second');
    const metrics = (await request(s.b.url).get('/metrics')).text;
    expect(metrics).toMatch(
      /dotskit_broker_user_links_total\{outcome="conflict",source="host"\} 1/,
    );
    await expect(s.b.broker.users.link('host-linked' as never, 'u')).rejects.toBeInstanceOf(
      TypeError,
    );
  });
});
