import { flowSchema, payoutLinkSchema } from '@dotskit/api';
import { Registry } from 'prom-client';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer as auth, checkNoSecretLeaks } from './test-support/helpers';
import { type Stack, startStack } from './test-support/stack';

checkNoSecretLeaks();

const registry = new Registry();
let s: Stack;
beforeAll(async () => {
  s = await startStack(
    {
      flowDefaults: { metadata: { tenant: 'acme' } },
      payoutLinkDefaults: (principal, body) => ({
        ...body,
        metadata: { host_user: principal.sub },
      }),
      metricsRegistry: registry,
    },
    { timeoutMs: 300 },
  );
});
afterAll(() => s.close());
beforeEach(async () => {
  await s.control('PUT', '/_sandbox/faults', {});
});

describe('flows', () => {
  it('creates a flow owned by the principal; only the owner can read it', async () => {
    const created = await request(s.b.url)
      .post('/flows')
      .set('authorization', await auth('alice'))
      .send({ steps: ['compliance', 'manage-payouts'], metadata: { order: 7 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      steps: ['compliance', 'manage-payouts'],
      metadata: { order: 7, tenant: 'acme' },
    });
    expect(created.body.link).toMatch(new RegExp(`^${s.sandbox.url}/flow/`));
    expect(created.body.user_id ?? null).toBeNull();
    const id = flowSchema.parse(created.body).id;
    expect((await s.b.broker.store.getOwner('flow', id))?.owner).toBe('alice');

    const mine = await request(s.b.url)
      .get(`/flows/${id}`)
      .set('authorization', await auth('alice'));
    expect(mine.status).toBe(200);
    expect(mine.body.id).toBe(id);
    // Written as the Fetch adapter writes it: JSON, no ETag (each answer comes from Dots).
    expect(mine.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(mine.headers.etag).toBeUndefined();
    expect(Number(mine.headers['content-length'])).toBe(Buffer.byteLength(mine.text));

    const before = s.count('GET', '/api/v2/flows/');
    const theirs = await request(s.b.url)
      .get(`/flows/${id}`)
      .set('authorization', await auth('bob'));
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
    expect(s.count('GET', '/api/v2/flows/')).toBe(before);
    expect(
      (
        await request(s.b.url)
          .get('/flows/00000000-0000-4000-8000-00000000dead')
          .set('authorization', await auth('alice'))
      ).status,
    ).toBe(404);
  });

  it('takes user_id from the dots_user_id claim, never from the body', async () => {
    const user = await s.b.broker.users.create(
      { sub: 'carol-host', scopes: [] },
      {
        first_name: 'Carol',
        last_name: 'Seller',
        email: 'carol@example.com',
        country_code: '1',
        phone_number: '4155550101',
      },
    );
    const res = await request(s.b.url)
      .post('/flows')
      .set('authorization', await auth('carol', { dots_user_id: user.id }))
      .send({ steps: [{ name: 'manage-payouts', hide_continue_button: true }] });
    expect(res.status).toBe(201);
    expect(res.body.user_id).toBe(user.id);
    const post = s.calls.filter((c) => c.method === 'POST' && c.path === '/api/v2/flows').at(-1);
    expect(post?.body).toMatchObject({ user_id: user.id });
  });

  it('forwards the end user IP as Dots-User-IP (trust proxy honoured)', async () => {
    await request(s.b.url)
      .post('/flows')
      .set('authorization', await auth('dave'))
      .set('x-forwarded-for', '203.0.113.9')
      .send({ steps: ['compliance'] });
    const post = s.calls.filter((c) => c.method === 'POST' && c.path === '/api/v2/flows').at(-1);
    expect(post?.headers.get('dots-user-ip')).toBe('203.0.113.9');
  });

  it('sends no Dots-User-IP when the forwarded address is not an IP', async () => {
    const res = await request(s.b.url)
      .post('/flows')
      .set('authorization', await auth('dave'))
      .set('x-forwarded-for', '<script>alert(1)</script>')
      .send({ steps: ['compliance'] });
    expect(res.status).toBe(201);
    const post = s.calls.filter((c) => c.method === 'POST' && c.path === '/api/v2/flows').at(-1);
    expect(post?.headers.has('dots-user-ip')).toBe(false);
  });
});

describe('payout links', () => {
  it('creates a link within the cap; only the owner reads it', async () => {
    const created = await request(s.b.url)
      .post('/payout-links')
      .set('authorization', await auth('erin', { max_payout_cents: 2_000 }))
      .send({
        amount: 2_000,
        memo: 'Thanks',
        payee: { email: 'erin@example.com' },
        delivery: { method: 'link' },
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      amount: 2_000,
      memo: 'Thanks',
      status: expect.any(String),
      metadata: { host_user: 'erin' },
    });
    const id = payoutLinkSchema.parse(created.body).id;
    expect(
      (
        await request(s.b.url)
          .get(`/payout-links/${id}`)
          .set('authorization', await auth('erin'))
      ).status,
    ).toBe(200);
    expect(
      (
        await request(s.b.url)
          .get(`/payout-links/${id}`)
          .set('authorization', await auth('bob'))
      ).status,
    ).toBe(404);
    // The link's flow belongs to the same principal.
    expect((await s.b.broker.store.getOwner('flow', created.body.flow_id))?.owner).toBe('erin');
    const over = await request(s.b.url)
      .post('/payout-links')
      .set('authorization', await auth('erin', { max_payout_cents: 2_000 }))
      .send({ amount: 2_001 });
    expect(over.status).toBe(403);
  });

  it('needs payout_links:write', async () => {
    const res = await request(s.b.url)
      .post('/payout-links')
      .set('authorization', await auth('frank', { scope: 'flows:write' }))
      .send({ amount: 100 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('insufficient_scope');
  });
});

describe('metrics', () => {
  it('counts requests by route and status and times upstream calls', async () => {
    // Its own traffic: a create, a 404 read, and a create that Dots fails.
    const header = await auth('mo');
    const flow = { steps: ['compliance'] };
    await request(s.b.url).post('/flows').set('authorization', header).send(flow);
    await request(s.b.url).get('/flows/not-mine').set('authorization', header);
    await s.control('PUT', '/_sandbox/faults', { error_rate: 1, error_status: 503 });
    await request(s.b.url).post('/flows').set('authorization', header).send(flow);
    const text = (await request(s.b.url).get('/metrics')).text;
    expect(text).toMatch(
      /dotskit_broker_requests_total\{method="POST",route="POST \/flows",status="201"\} \d+/,
    );
    expect(text).toMatch(
      /dotskit_broker_requests_total\{method="GET",route="GET \/flows\/:id",status="404"\} \d+/,
    );
    expect(text).toMatch(
      /dotskit_broker_upstream_duration_seconds_count\{operation="flows.create",outcome="ok"\} \d+/,
    );
    expect(text).toMatch(
      /dotskit_broker_upstream_duration_seconds_count\{operation="flows.create",outcome="error"\} \d+/,
    );
    // The host's registry holds the same metrics.
    expect(await registry.metrics()).toMatch(
      /dotskit_broker_requests_total\{method="POST",route="POST \/flows",status="201"\}/,
    );
  });
});
