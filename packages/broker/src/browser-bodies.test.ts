import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, checkNoSecretLeaks } from './test-support/helpers';
import { type Stack, startStack } from './test-support/stack';

checkNoSecretLeaks();

let s: Stack;
let capless: Stack;
beforeAll(async () => {
  s = await startStack();
  capless = await startStack({ browserMaxPayoutCents: undefined });
});
afterAll(async () => {
  await s.close();
  await capless.close();
});

const post = async (stack: Stack, path: string, body: unknown, sub = 'shopper', claims = {}) =>
  request(stack.b.url)
    .post(path)
    .set('authorization', await bearer(sub, claims))
    .send(body as object);
const fieldPaths = (res: request.Response) =>
  (res.body.error.details.fields as Array<{ path: string }>).map((f) => f.path);

describe('browser bodies carry only what a browser may choose', () => {
  it.each([
    ['payout_fee_party in a step', { steps: [{ name: 'payout', payout_fee_party: 'platform' }] }],
    ['force in a step', { steps: [{ name: 'payout', force: true }] }],
    ['payment_intent_id in a step', { steps: [{ name: 'payout', payment_intent_id: 'pi_1' }] }],
    ['amount in a step', { steps: [{ name: 'payout', amount: 100 }] }],
    ['user_id in a step', { steps: [{ name: 'manage-payouts', user_id: 'u' }] }],
    ['require_auth', { steps: ['compliance'], require_auth: false }],
    ['user_id', { steps: ['compliance'], user_id: '6f1c8f0e-0a53-4b7e-9d51-5c1c2e0f9a11' }],
  ])('POST /flows refuses %s with a 400 naming the field', async (_name, body) => {
    const before = s.count('POST', '/api/v2/flows');
    const res = await post(s, '/flows', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(fieldPaths(res).length).toBeGreaterThan(0);
    expect(s.count('POST', '/api/v2/flows')).toBe(before);
  });

  it('POST /flows accepts the UI options of a step', async () => {
    const res = await post(s, '/flows', {
      steps: [
        { name: 'manage-payouts', hide_continue_button: true },
        { name: 'redirect', redirect_url: 'https://shop.example/done' },
      ],
      hide_go_to_dashboard_on_complete: true,
    });
    expect(res.status).toBe(201);
  });

  it.each([
    ['tax_exempt', { amount: 100, tax_exempt: true }],
    ['payout_fee_party', { amount: 100, payout_fee_party: 'platform' }],
    [
      'force in additional_steps',
      { amount: 100, additional_steps: [{ name: 'payout', force: true }] },
    ],
    ['funding_source', { amount: 100, funding_source: 'ach' }],
  ])('POST /payout-links refuses %s', async (_name, body) => {
    const res = await post(s, '/payout-links', body, 'shopper', { max_payout_cents: 1_000 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
  });

  it('host defaults may set what the browser may not', async () => {
    const host = await startStack({
      flowDefaults: { require_auth: true },
      payoutLinkDefaults: { tax_exempt: true },
    });
    try {
      expect((await post(host, '/flows', { steps: ['compliance'] })).status).toBe(201);
      const sent = host.calls.filter((c) => c.path === '/api/v2/flows').at(-1)?.body;
      expect(sent).toMatchObject({ require_auth: true });
      const link = await post(host, '/payout-links', { amount: 50 }, 'p', {
        max_payout_cents: 100,
      });
      expect(link.status).toBe(201);
      expect(
        host.calls.filter((c) => c.path === '/api/v2/payout-links').at(-1)?.body,
      ).toMatchObject({ tax_exempt: true });
    } finally {
      await host.close();
    }
  });
});

describe('metadata has limits, and nothing a client sends yields a 5xx', () => {
  const deep = () => {
    let value: unknown = 'leaf';
    for (let i = 0; i < 2_000; i++) value = { a: value };
    return value;
  };
  it.each([
    ['51 keys', Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']))],
    ['a 41-character key', { ['k'.repeat(41)]: 'v' }],
    ['a 501-character value', { note: 'x'.repeat(501) }],
    ['nesting 3 deep', { a: { b: { c: { d: 'e' } } } }],
    ['nesting 2,000 deep', { a: deep() }],
  ])('refuses %s', async (_name, metadata) => {
    const res = await post(s, '/flows', { steps: ['compliance'], metadata });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
  });

  it('accepts metadata within the limits', async () => {
    const metadata = { order: 'o_1', tags: ['a', 'b'], nested: { k: 'v' } };
    expect((await post(s, '/flows', { steps: ['compliance'], metadata })).status).toBe(201);
  });
});

describe('payout caps are safe by default', () => {
  it('refuses a browser payout link with no cap anywhere (403 payout_cap_required)', async () => {
    const before = capless.count('POST', '/api/v2/payout-links');
    const res = await post(capless, '/payout-links', { amount: 100 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('payout_cap_required');
    expect(res.body.error.message).toMatch(/max_payout_cents|browserMaxPayoutCents/);
    expect(capless.count('POST', '/api/v2/payout-links')).toBe(before);
  });

  it("applies the token's cap, else the broker's default cap", async () => {
    const over = await post(capless, '/payout-links', { amount: 600 }, 'p', {
      max_payout_cents: 500,
    });
    expect(over.status).toBe(403);
    expect(over.body.error.code).toBe('limit_exceeded');
    const within = await post(capless, '/payout-links', { amount: 500 }, 'p', {
      max_payout_cents: 500,
    });
    expect(within.status).toBe(201);
    const capped = await startStack({ browserMaxPayoutCents: 300 });
    try {
      expect((await post(capped, '/payout-links', { amount: 301 })).body.error.code).toBe(
        'limit_exceeded',
      );
      expect((await post(capped, '/payout-links', { amount: 300 })).status).toBe(201);
    } finally {
      await capped.close();
    }
  });

  it('the server-side API takes a full principal, never a bare sub', async () => {
    const api = capless.b.broker;
    await expect(api.payoutLinks.create('seller' as never, { amount: 100 })).rejects.toBeInstanceOf(
      TypeError,
    );
    await expect(
      api.payoutLinks.create({ sub: 'seller', scopes: [], maxPayoutCents: 50 }, { amount: 100 }),
    ).rejects.toMatchObject({ code: 'limit_exceeded' });
  });
});

describe('idempotency keys are namespaced unambiguously', () => {
  it('sub `X` with key `payoutLinks:K2` and sub `X:payoutLinks` with key `K2` get different links', async () => {
    const first = await post(
      s,
      '/payout-links',
      { amount: 10, idempotency_key: 'payoutLinks:K2' },
      'X',
    );
    const second = await post(
      s,
      '/payout-links',
      { amount: 10, idempotency_key: 'K2' },
      'X:payoutLinks',
    );
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.headers['idempotent-replayed']).toBe('false');
  });
});
