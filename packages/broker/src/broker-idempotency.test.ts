import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer as auth, checkNoSecretLeaks } from './test-support/helpers';
import { type Stack, startStack } from './test-support/stack';

checkNoSecretLeaks();

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(() => s.close());

describe('idempotency', () => {
  it('replays a repeated key without calling Dots; 409 for another body under the same key', async () => {
    const key = 'order-42-payout';
    const send = async (amount: number) =>
      request(s.b.url)
        .post('/payout-links')
        .set('authorization', await auth('gina'))
        .send({ amount, idempotency_key: key });
    const before = s.count('POST', '/api/v2/payout-links');
    const first = await send(500);
    const again = await send(500);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(s.count('POST', '/api/v2/payout-links')).toBe(before + 1);
    const upstream = s.calls
      .filter((c) => c.method === 'POST' && c.path === '/api/v2/payout-links')
      .at(-1);
    expect(upstream?.body).toMatchObject({
      idempotency_key: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const other = await send(600);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_mismatch');
    expect(s.count('POST', '/api/v2/payout-links')).toBe(before + 1);
  });

  it('makes one upstream call for concurrent identical requests', async () => {
    const bearer = await auth('hank');
    const before = s.count('POST', '/api/v2/flows');
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        request(s.b.url)
          .post('/flows')
          .set('authorization', bearer)
          .send({ steps: ['compliance'], idempotency_key: 'concurrent-1' }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(s.count('POST', '/api/v2/flows')).toBe(before + 1);
  });

  it('scopes keys per principal', async () => {
    const a = await request(s.b.url)
      .post('/flows')
      .set('authorization', await auth('ivy'))
      .send({ steps: ['payout'], idempotency_key: 'same' });
    const b = await request(s.b.url)
      .post('/flows')
      .set('authorization', await auth('jack'))
      .send({ steps: ['payout'], idempotency_key: 'same' });
    expect(a.body.id).not.toBe(b.body.id);
    expect(
      (
        await request(s.b.url)
          .get(`/flows/${a.body.id}`)
          .set('authorization', await auth('jack'))
      ).status,
    ).toBe(404);
  });

  it('without a key, each request is its own operation', async () => {
    const bearer = await auth('kim');
    const one = await request(s.b.url)
      .post('/flows')
      .set('authorization', bearer)
      .send({ steps: ['payout'] });
    const two = await request(s.b.url)
      .post('/flows')
      .set('authorization', bearer)
      .send({ steps: ['payout'] });
    expect(one.body.id).not.toBe(two.body.id);
  });
});
