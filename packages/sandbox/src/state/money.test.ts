import { userSchema } from '@dotskit/api';
import { describe, expect, it } from 'vitest';
import { makeSandbox, userBody } from '../test-support/helpers';

async function userWithPaypal(s: ReturnType<typeof makeSandbox>, n = 1) {
  const user = await s.api.post('/v2/users', userBody(n));
  const flow = await s.api.post('/v2/flows', { steps: ['manage-payouts'], user_id: user.body.id });
  await s.raw().post(`/_sandbox/flows/${flow.body.id}/steps/manage-payouts/complete`).send({});
  return userSchema.parse(user.body).id;
}

describe('money', () => {
  it('pre-funds the app wallet with $100 and moves balances with transfers', async () => {
    const s = makeSandbox();
    const apps = await s.api.get('/v2/apps');
    expect(apps.body[0].metrics.wallet_balance).toBe('100.00');
    const uid = await userWithPaypal(s);
    const t = await s.api.post('/v2/transfers', { amount: -2500, user_id: uid });
    expect(t.body).toMatchObject({ type: 'balance', status: 'completed', amount: -2500 });
    expect((await s.api.get(`/v2/users/${uid}`)).body.wallet.amount).toBe(2500);
    expect((await s.api.get(`/v2/apps/${s.engine.defaultAppId}`)).body.metrics.wallet_balance).toBe(
      '75.00',
    );
    const back = await s.api.post('/v2/transfers', { amount: 500, user_id: uid });
    expect(back.status).toBe(200);
    expect((await s.api.get(`/v2/users/${uid}`)).body.wallet.amount).toBe(2000);
  });

  it('refuses to overdraw with transaction-insufficient-funds', async () => {
    const s = makeSandbox();
    const uid = await userWithPaypal(s);
    const over = await s.api.post('/v2/transfers', { amount: -10001, user_id: uid });
    expect(over.status).toBe(400);
    expect(over.body.error).toBe('transaction-insufficient-funds');
    const fromUser = await s.api.post('/v2/transfers', { amount: 1, user_id: uid });
    expect(fromUser.body.error).toBe('transaction-insufficient-funds');
    const link = await s.api.post('/v2/payout-links', { amount: 20000 });
    expect(link.body.error).toBe('transaction-insufficient-funds');
    const payout = await s.api.post('/v2/payouts', {
      user_id: uid,
      amount: 100,
      platform: 'paypal',
    });
    expect(payout.body.error).toBe('transaction-insufficient-funds');
  });

  it('pays out: pending, then completed on the emulated clock; ACH fails and refunds', async () => {
    const s = makeSandbox({ timings: { transferSettleMs: 60_000 } });
    const uid = await userWithPaypal(s);
    const p = await s.api.post('/v2/payouts', {
      user_id: uid,
      amount: 1000,
      platform: 'default',
      fund: true,
    });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({
      type: 'payout',
      status: 'pending',
      amount: 1000,
      external_data: { platform: 'paypal' },
    });
    s.engine.clock.advance(60_000);
    expect((await s.api.get(`/v2/transfers/${p.body.id}`)).body.status).toBe('completed');
    expect((await s.api.get(`/v2/apps/${s.engine.defaultAppId}`)).body.metrics.money_out).toBe(
      '10.00',
    );

    const noMethod = await s.api.post('/v2/payouts', {
      user_id: uid,
      amount: 100,
      platform: 'venmo',
      fund: true,
    });
    expect(noMethod.status).toBe(400);
    expect(noMethod.body.error).toBe('user-info-missing');
  });

  it('idempotency: a repeated key returns the first result for 24 hours, then works anew', async () => {
    const s = makeSandbox();
    const uid = await userWithPaypal(s);
    const key = crypto.randomUUID();
    const first = await s.api.post('/v2/transfers', {
      amount: -100,
      user_id: uid,
      idempotency_key: key,
    });
    const again = await s.api.post('/v2/transfers', {
      amount: -999,
      user_id: uid,
      idempotency_key: key,
    });
    expect(again.body).toEqual(first.body);
    expect((await s.api.get(`/v2/users/${uid}`)).body.wallet.amount).toBe(100);
    s.engine.clock.advance(24 * 3600 * 1000);
    const later = await s.api.post('/v2/transfers', {
      amount: -999,
      user_id: uid,
      idempotency_key: key,
    });
    expect(later.body.id).not.toBe(first.body.id);
  });

  it('paginates newest first with limit, starting_after and ending_before', async () => {
    const s = makeSandbox();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await s.api.post('/v2/users', userBody(i))).body.id);
    const newest = [...ids].reverse();
    const p1 = await s.api.get('/v2/users?limit=2');
    expect(p1.body.data.map((u: { id: string }) => u.id)).toEqual(newest.slice(0, 2));
    expect(p1.body.has_more).toBe(true);
    const p2 = await s.api.get(`/v2/users?limit=2&starting_after=${newest[1]}`);
    expect(p2.body.data.map((u: { id: string }) => u.id)).toEqual(newest.slice(2, 4));
    const p3 = await s.api.get(`/v2/users?limit=2&starting_after=${newest[3]}`);
    expect(p3.body).toMatchObject({ has_more: false, data: [{ id: newest[4] }] });
    const back = await s.api.get(`/v2/users?limit=2&ending_before=${newest[4]}`);
    expect(back.body.data.map((u: { id: string }) => u.id)).toEqual(newest.slice(2, 4));
    expect((await s.api.get('/v2/users?limit=0')).status).toBe(400);
  });

  it('runs a payout batch created → processing → paying_out → completed with item counts', async () => {
    const s = makeSandbox({ timings: { batchStepMs: 1000, transferSettleMs: 1000 } });
    const uid = await userWithPaypal(s);
    const items = Array.from({ length: 30 }, (_, i) => ({
      user_id: i === 29 ? crypto.randomUUID() : uid,
      amount: 100,
      platform: 'paypal',
      fund: true,
      idempotency_key: crypto.randomUUID(),
    }));
    const batch = await s.api.post('/v2/payout-batches', { items });
    const seen = [batch.body.status];
    for (let i = 0; i < 10; i++) {
      s.engine.clock.advance(1000);
      const b = (await s.api.get(`/v2/payout-batches/${batch.body.id}`)).body;
      if (seen.at(-1) !== b.status) seen.push(b.status);
    }
    expect(seen).toEqual(['created', 'processing', 'paying_out', 'completed']);
    const done = (await s.api.get(`/v2/payout-batches/${batch.body.id}/results`)).body;
    expect(done).toMatchObject({ items_processed: 30, items_succeeded: 29, items_failed: 1 });
    expect(done.items[29]).toMatchObject({ error_code: 'invalid-input' });
    expect(done.items[0].transfer.status).toBe('completed');
  });
});
