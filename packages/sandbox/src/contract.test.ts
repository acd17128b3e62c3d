import { describe, expect, it } from 'vitest';
import { contractErrors } from './test-support/contract';
import { makeSandbox, userBody } from './test-support/helpers';

// Every response of every implemented endpoint, validated against v2.yaml's schema.
describe('contract: responses validate against v2.yaml', () => {
  it('users, flows, payout links, transfers, payouts, payout batches and apps', async () => {
    const { api, engine, raw } = makeSandbox({ timings: { transferSettleMs: 5, batchStepMs: 5 } });
    const check = (method: string, path: string, res: { status: number; body: unknown }) => {
      expect(contractErrors(method, path, res.status, res.body), `${method} ${path}`).toEqual([]);
    };

    const user = await api.post('/v2/users', { ...userBody(), metadata: { internal_id: 'u1' } });
    check('post', '/v2/users', user);
    const uid = user.body.id as string;
    check('get', '/v2/users', await api.get('/v2/users?limit=5'));
    check('get', '/v2/users/{user_id}', await api.get(`/v2/users/${uid}`));

    const flow = await api.post('/v2/flows', {
      steps: ['compliance', 'manage-payouts'],
      user_id: uid,
    });
    check('post', '/v2/flows', flow);
    await raw().post(`/_sandbox/flows/${flow.body.id}/complete`).send({});
    check('get', '/v2/flows/{flow_id}', await api.get(`/v2/flows/${flow.body.id}`));
    check('get', '/v2/flows', await api.get('/v2/flows'));
    const patched = await api.patch(`/v2/users/${uid}`, {
      default_payout_method: 'paypal',
      metadata: { tier: 'gold' },
    });
    expect(patched.status).toBe(200);
    check('patch', '/v2/users/{user_id}', patched);
    check('get', '/v2/users/{user_id}', await api.get(`/v2/users/${uid}`));

    const transfer = await api.post('/v2/transfers', { amount: -1500, user_id: uid });
    check('post', '/v2/transfers', transfer);
    check('get', '/v2/transfers/{transfer_id}', await api.get(`/v2/transfers/${transfer.body.id}`));
    const payout = await api.post('/v2/payouts', {
      user_id: uid,
      amount: 500,
      platform: 'default',
    });
    check('post', '/v2/payouts', payout);
    check('get', '/v2/transfers', await api.get(`/v2/transfers?user_id=${uid}`));

    const link = await api.post('/v2/payout-links', {
      amount: 700,
      memo: 'Thanks',
      payee: { first_name: 'Ann' },
      delivery: { method: 'sms' },
    });
    check('post', '/v2/payout-links', link);
    check(
      'get',
      '/v2/payout-links/{payout_link_id}',
      await api.get(`/v2/payout-links/${link.body.id}`),
    );
    check(
      'post',
      '/v2/payout-links/{payout_link_id}/redeliver',
      await api.post(`/v2/payout-links/${link.body.id}/redeliver`),
    );
    check(
      'delete',
      '/v2/payout-links/{payout_link_id}',
      await api.delete(`/v2/payout-links/${link.body.id}`),
    );
    const claimed = await api.post('/v2/payout-links', { amount: 300 });
    await raw().post(`/_sandbox/payout-links/${claimed.body.id}/claim`).send({});
    check(
      'get',
      '/v2/payout-links/{payout_link_id}',
      await api.get(`/v2/payout-links/${claimed.body.id}`),
    );
    check('get', '/v2/payout-links', await api.get('/v2/payout-links'));

    const batch = await api.post('/v2/payout-batches', {
      idempotency_key: crypto.randomUUID(),
      metadata: { week: '2024-08' },
      items: [
        {
          user_id: uid,
          amount: 100,
          platform: 'paypal',
          fund: true,
          idempotency_key: crypto.randomUUID(),
        },
        {
          user_id: crypto.randomUUID(),
          amount: 100,
          platform: 'paypal',
          fund: true,
          idempotency_key: crypto.randomUUID(),
        },
      ],
    });
    check('post', '/v2/payout-batches', batch);
    engine.clock.advance(1000);
    check(
      'get',
      '/v2/payout-batches/{payout_batch_id}',
      await api.get(`/v2/payout-batches/${batch.body.id}`),
    );
    const results = await api.get(
      `/v2/payout-batches/${batch.body.id}/results?include_request=true`,
    );
    check('get', '/v2/payout-batches/{payout_batch_id}/results', results);
    expect(results.body.items).toHaveLength(2);
    check('get', '/v2/payout-batches', await api.get('/v2/payout-batches?limit=1'));

    const app = await api.post('/v2/apps', { name: 'Second app', metadata: { env: 'test' } });
    check('post', '/v2/apps', app);
    check('get', '/v2/apps/{app_id}', await api.get(`/v2/apps/${app.body.id}`));
    check('get', '/v2/apps', await api.get('/v2/apps'));
  });

  it('the validator is not a rubber stamp', () => {
    expect(
      contractErrors('get', '/v2/flows/{flow_id}', 200, { id: 'x', steps: ['dance'] }),
    ).not.toEqual([]);
    expect(
      contractErrors('get', '/v2/payout-links/{payout_link_id}', 200, { status: 'paid_out' }),
    ).not.toEqual([]);
    expect(contractErrors('get', '/v2/apps', 200, { data: [] })).not.toEqual([]);
  });
});
