import { userSchema } from '@dotskit/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSandbox, userBody } from '../test-support/helpers';
import { ofType, startReceiver } from '../test-support/receiver';

const JSON_ACCEPT = { Accept: 'application/json' };

// Dots' sandbox table: ACH accounts connect (through Plaid in Dots; a bank form here) and
// ACH transactions do not go through.
describe('ACH', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  it('a bank account connects in the hosted form; an ACH payout fails, refunds the wallet and sends transfer.failed', async () => {
    const s = makeSandbox({
      webhooks: [{ url: receiver.url }],
      timings: { transferSettleMs: 100 },
    });
    const uid = userSchema.parse((await s.api.post('/v2/users', userBody(7))).body).id;
    const flow = (await s.api.post('/v2/flows', { steps: ['manage-payouts'], user_id: uid })).body;
    const form = (await s.raw().get(`/flow/${flow.id}`)).text;
    expect(form).toContain('Bank account (ACH)');
    const bad = await s
      .raw()
      .post(`/flow/${flow.id}/steps/manage-payouts`)
      .set(JSON_ACCEPT)
      .send({ platform: 'ach', routing_number: '12', account_number: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([
      'routing_number',
      'account_number',
    ]);
    const saved = await s
      .raw()
      .post(`/flow/${flow.id}/steps/manage-payouts`)
      .set(JSON_ACCEPT)
      .send({ platform: 'ach', routing_number: '110000000', account_number: '000123456789' });
    expect(saved.body.message).toEqual({ step: 'manage-payouts', status: 'completed' });
    const user = (await s.api.get(`/v2/users/${uid}`)).body;
    expect(user.default_payout_method).toBe('ach');
    expect(user.default_payout_method_details).toMatchObject({ platform: 'ach', mask: '6789' });

    const payout = await s.api.post('/v2/payouts', {
      user_id: uid,
      amount: 1200,
      platform: 'ach',
      fund: true,
    });
    expect(payout.status).toBe(201);
    expect(payout.body.status).toBe('pending');
    expect((await s.api.get(`/v2/users/${uid}`)).body.wallet.amount).toBe(0);
    s.engine.clock.advance(100);
    const failed = (await s.api.get(`/v2/transfers/${payout.body.id}`)).body;
    expect(failed.status).toBe('failed');
    expect((await s.api.get(`/v2/users/${uid}`)).body.wallet.amount).toBe(1200);
    const hook = await receiver.waitFor(
      (r) =>
        ofType(s.engine.webhooks, 'transfer.failed')(r) &&
        JSON.parse(r.raw).transfer_id === payout.body.id,
    );
    expect(JSON.parse(hook.raw).transfer).toMatchObject({ id: payout.body.id, status: 'failed' });
  });

  it('a payout link claimed to a bank account: its transfer fails and the money stays in the wallet', async () => {
    const s = makeSandbox({ timings: { transferSettleMs: 10 } });
    const link = (await s.api.post('/v2/payout-links', { amount: 900 })).body;
    const claim = await s
      .raw()
      .post(`/_sandbox/payout-links/${link.id}/claim`)
      .send({ platform: 'ach' });
    expect(claim.status).toBe(200);
    s.engine.clock.advance(10);
    const t = (await s.api.get(`/v2/transfers/${link.transfer_id}`)).body;
    expect(t.status).toBe('failed');
    expect((await s.api.get(`/v2/users/${t.user_id}`)).body.wallet.amount).toBe(900);
  });
});
