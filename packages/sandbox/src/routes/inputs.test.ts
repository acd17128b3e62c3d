import { describe, expect, it } from 'vitest';
import { makeSandbox, userBody } from '../test-support/helpers';

// Inputs answered as Dots answers them: v2.yaml's nullable idempotency keys accepted, and
// query parameters checked against their v2.yaml types, with a 400 in Dots' error shape.
describe('inputs', () => {
  it('accepts idempotency_key: null where v2.yaml allows it, and only there', async () => {
    const s = makeSandbox();
    const uid = (await s.api.post('/v2/users', userBody())).body.id;
    const transfer = await s.api.post('/v2/transfers', {
      amount: -100,
      user_id: uid,
      idempotency_key: null,
    });
    expect(transfer.status).toBe(200);
    const link = await s.api.post('/v2/payout-links', { amount: 100, idempotency_key: null });
    expect(link.status).toBe(201);
    const again = await s.api.post('/v2/payout-links', { amount: 100, idempotency_key: null });
    expect(again.body.id).not.toBe(link.body.id); // null is "no key", not a shared key
    const send = await s.api.post('/v2/payouts/send-payout', {
      amount: 100,
      payee: { country_code: '1', phone_number: '4155550100' },
      idempotency_key: null,
    });
    expect(send.status).toBe(201);
    // POST /v2/payouts types its key as a plain string.
    const payout = await s.api.post('/v2/payouts', {
      user_id: uid,
      amount: 100,
      platform: 'paypal',
      idempotency_key: null,
    });
    expect(payout.status).toBe(400);
    expect(payout.body.details[0].field).toBe('idempotency_key');
  });

  it.each([
    ['/v2/users?status=bogus', 'status', /one of verified, unverified, disabled, in_review/],
    ['/v2/transfers?reverse_order=maybe', 'reverse_order', /true or false/],
    ['/v2/transfers?status=done', 'status', /one of created, pending/],
    ['/v2/transfers?type=gift', 'type', /one of refill, payout/],
    ['/v2/transfers?user_id=bob', 'user_id', /UUID/],
    ['/v2/transfers?start_date=yesterday', 'start_date', /date-time/],
    ['/v2/flows?limit=0', 'limit', /1 to 100/],
    ['/v2/flows?limit=ten', 'limit', /1 to 100/],
    ['/v2/payout-links?starting_after=not-an-id', 'starting_after', /UUID/],
    [`/v2/users?starting_after=${crypto.randomUUID()}`, 'starting_after', /no object with id/],
    [
      `/v2/payout-batches?ending_before=${crypto.randomUUID()}`,
      'ending_before',
      /no object with id/,
    ],
    ['/v2/payout-batches?limit=1&limit=2', 'limit', /once/],
    ['/v2/transactions?starting_after=abc', 'starting_after', /integer id/],
    ['/v2/transactions?include_transfer=yes', 'include_transfer', /true or false/],
  ])('GET %s is a 400 naming %s', async (path, field, message) => {
    const s = makeSandbox();
    const res = await s.api.get(path);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid-input', details: [{ field }] });
    expect(res.body.message).toContain(field);
    expect(res.body.details[0].message).toMatch(message);
  });

  it('valid filters still work: dates, reverse order and known cursors', async () => {
    const s = makeSandbox();
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await s.api.post('/v2/users', userBody(n))).body.id);
    const page = await s.api.get(`/v2/users?limit=1&starting_after=${ids[2]}`);
    expect(page.body.data.map((u: { id: string }) => u.id)).toEqual([ids[1]]);
    for (const id of ids) await s.api.post('/v2/transfers', { amount: -10, user_id: id });
    const oldest = await s.api.get('/v2/transfers?reverse_order=true&limit=1');
    expect(oldest.body.data[0].user_id).toBe(ids[0]);
    const later = new Date(s.engine.clock.now() + 60_000).toISOString();
    expect((await s.api.get(`/v2/transfers?start_date=${later}`)).body.data).toEqual([]);
    const upTo = await s.api.get(`/v2/transfers?end_date=${later}&status=completed`);
    expect(upTo.body.data).toHaveLength(3);
  });
});
