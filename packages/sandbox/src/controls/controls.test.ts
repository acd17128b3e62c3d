import { describe, expect, it } from 'vitest';
import { makeSandbox, userBody } from '../test-support/helpers';

describe('test controls', () => {
  it('are off unless enabled', async () => {
    const s = makeSandbox({ enableControls: false });
    const res = await s.raw().post('/_sandbox/reset');
    expect(res.status).toBe(404);
  });

  it('reset empties the state and refunds the wallet', async () => {
    const s = makeSandbox();
    const uid = (await s.api.post('/v2/users', userBody())).body.id;
    await s.api.post('/v2/transfers', { amount: -5000, user_id: uid });
    const reset = await s.raw().post('/_sandbox/reset');
    expect(reset.status).toBe(200);
    expect((await s.api.get('/v2/users')).body.data).toEqual([]);
    expect((await s.api.get('/v2/apps')).body[0].metrics.wallet_balance).toBe('100.00');
  });

  it('completes one step or a whole flow as the user would', async () => {
    const s = makeSandbox();
    const flow = (
      await s.api.post('/v2/flows', {
        steps: [
          'compliance',
          'id-verification',
          'background-check',
          'manage-payments',
          'manage-payouts',
          'pdf-form-fill',
        ],
      })
    ).body;
    const one = await s
      .raw()
      .post(`/_sandbox/flows/${flow.id}/steps/id-verification/complete`)
      .send({});
    expect(one.body.message).toEqual({ step: 'id-verification', status: 'completed' });
    expect(one.body.flow.user_id).toBeTruthy();
    const all = await s.raw().post(`/_sandbox/flows/${flow.id}/complete`).send({});
    expect(all.body.flow.completed_steps).toHaveLength(6);
    expect(all.body.messages.map((m: { step: string }) => m.step)).toEqual([
      'compliance',
      'background-check',
      'manage-payments',
      'manage-payouts',
      'pdf-form-fill',
    ]);
    const user = (await s.api.get(`/v2/users/${all.body.flow.user_id}`)).body;
    expect(user).toMatchObject({
      status: 'verified',
      compliance: { id_verified: true, background_check: { status: 'pass' } },
    });
    const wrong = await s.raw().post(`/_sandbox/flows/${flow.id}/steps/payout/complete`).send({});
    expect(wrong.status).toBe(400);
  });

  it('claims a payout link (optionally stopping before the payout)', async () => {
    const s = makeSandbox();
    const a = (await s.api.post('/v2/payout-links', { amount: 500 })).body;
    const claimedOnly = await s
      .raw()
      .post(`/_sandbox/payout-links/${a.id}/claim`)
      .send({ payout: false });
    expect(claimedOnly.body).toMatchObject({ status: 'claimed', transfer_id: a.transfer_id });
    const unpaid = await s.api.get(`/v2/transfers/${a.transfer_id}`);
    expect(unpaid.body.status).toBe('created');
    const b = (await s.api.post('/v2/payout-links', { amount: 500 })).body;
    const paid = await s
      .raw()
      .post(`/_sandbox/payout-links/${b.id}/claim`)
      .send({ user: { first_name: 'Pat' } });
    expect(paid.body.status).toBe('claimed');
    expect(paid.body.transfer_id).toBe(b.transfer_id);
    expect((await s.api.get(`/v2/transfers/${b.transfer_id}`)).body.status).toBe('pending');
    const cancel = await s.api.delete(`/v2/payout-links/${b.id}`);
    expect(cancel.status).toBe(400);
  });

  it('injects failures and latency, scoped by path prefix, until cleared', async () => {
    const s = makeSandbox();
    const bad = await s.raw().put('/_sandbox/faults').send({ error_rate: 2 });
    expect(bad.status).toBe(400);
    await s
      .raw()
      .put('/_sandbox/faults')
      .send({ error_rate: 1, error_status: 503, path_prefix: '/api/v2/flows' });
    const failed = await s.api.get('/v2/flows');
    expect(failed.status).toBe(503);
    expect(failed.body.error).toBe('service-unavailable');
    expect((await s.api.get('/v2/users')).status).toBe(200);
    await s.raw().put('/_sandbox/faults').send({ latency_ms: 150 });
    const started = Date.now();
    expect((await s.api.get('/v2/flows')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await s.raw().put('/_sandbox/faults').send({});
    expect((await s.raw().get('/_sandbox/faults')).body).toEqual({});
  });

  it('advances the emulated clock', async () => {
    const s = makeSandbox();
    const before = Date.parse((await s.raw().get('/_sandbox/clock')).body.now);
    const after = Date.parse(
      (await s.raw().post('/_sandbox/clock/advance').send({ seconds: 3600 })).body.now,
    );
    expect(after - before).toBeGreaterThanOrEqual(3600_000);
    expect((await s.raw().post('/_sandbox/clock/advance').send({ seconds: -1 })).status).toBe(400);
  });

  it("adds cents to an app's wallet, which payout links can then reserve", async () => {
    const s = makeSandbox();
    const appId = s.engine.defaultAppId;
    expect((await s.api.post('/v2/payout-links', { amount: 15_000 })).status).toBe(400);
    const funded = await s.raw().post(`/_sandbox/apps/${appId}/wallet`).send({ amount: 10_000 });
    expect(funded.body).toEqual({ app_id: appId, wallet: 20_000 });
    expect((await s.api.post('/v2/payout-links', { amount: 15_000 })).status).toBe(201);
    expect((await s.api.get(`/v2/apps/${appId}`)).body.metrics.wallet_balance).toBe('50.00');
    for (const amount of [0, -5, 1.5, '100', null]) {
      const bad = await s.raw().post(`/_sandbox/apps/${appId}/wallet`).send({ amount });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe('invalid-input');
    }
    const missing = await s
      .raw()
      .post(`/_sandbox/apps/${crypto.randomUUID()}/wallet`)
      .send({ amount: 1 });
    expect(missing.status).toBe(404);
  });
});

describe('payout link delivery', () => {
  it('goes delivery_pending → sent → delivered for email links, and redelivers up to 5 times', async () => {
    const s = makeSandbox({ timings: { deliveryMs: 1000 } });
    const link = (
      await s.api.post('/v2/payout-links', {
        amount: 100,
        delivery: { method: 'email' },
        payee: { email: 'p@example.com' },
      })
    ).body;
    expect(link).toMatchObject({
      status: 'delivery_pending',
      delivery: { method: 'email', email: 'p@example.com' },
    });
    s.engine.clock.advance(1000);
    expect((await s.api.get(`/v2/payout-links/${link.id}`)).body.status).toBe('sent');
    s.engine.clock.advance(1000);
    expect((await s.api.get(`/v2/payout-links/${link.id}`)).body.status).toBe('delivered');
    const results = [];
    for (let i = 0; i < 5; i++)
      results.push((await s.api.post(`/v2/payout-links/${link.id}/redeliver`)).body.redelivered);
    expect(results).toEqual([true, true, true, true, false]);
    const plain = (await s.api.post('/v2/payout-links', { amount: 100 })).body;
    expect((await s.api.post(`/v2/payout-links/${plain.id}/redeliver`)).body.redelivered).toBe(
      false,
    );
  });
});
