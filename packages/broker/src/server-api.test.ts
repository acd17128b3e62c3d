import type { CreateTransferBody } from '@dotskit/api';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNoSecretLeaks, token } from './test-support/helpers';
import { streamsPerFile } from './test-support/sse-streams';
import { type Stack, startStack } from './test-support/stack';

checkNoSecretLeaks();

let s: Stack;
beforeAll(async () => {
  s = await startStack({ heartbeatMs: 50 });
});
afterAll(() => s.close());

const stream = streamsPerFile(() => s.b.url);

describe('server-side API', () => {
  it('funds a seller: transfer owned, idempotent, published, followed by webhooks', async () => {
    const seller = await stream('seller-1');
    const user = await s.b.broker.users.create(
      { sub: 'seller-1', scopes: [] },
      {
        first_name: 'Sol',
        last_name: 'Seller',
        email: 'sol@example.com',
        country_code: '1',
        phone_number: '4155550199',
      },
    );
    expect(await s.b.broker.store.getLinkedUser('seller-1')).toBe(user.id);
    const before = s.count('POST', '/api/v2/transfers');
    const body = { amount: -1_500, user_id: user.id, idempotency_key: 'weekly-1' };
    const transfer = await s.b.broker.transfers.create({ sub: 'seller-1', scopes: [] }, body);
    const replay = await s.b.broker.transfers.create({ sub: 'seller-1', scopes: [] }, body);
    expect(replay.id).toBe(transfer.id);
    expect(s.count('POST', '/api/v2/transfers')).toBe(before + 1);
    await seller.next(
      (m) => m.event === 'transfer.updated' && (m.data as { id: string }).id === transfer.id,
    );
    const done = await seller.next(
      (m) =>
        m.event === 'transfer.updated' &&
        (m.data as { id: string; status: string }).status === 'completed',
    );
    expect((done.data as { id: string }).id).toBe(transfer.id);

    const read = await request(s.b.url)
      .get(`/transfers/${transfer.id}`)
      .set('authorization', `Bearer ${await token('seller-1')}`);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(transfer.id);
    expect(
      (
        await request(s.b.url)
          .get(`/transfers/${transfer.id}`)
          .set('authorization', `Bearer ${await token('bob')}`)
      ).status,
    ).toBe(404);
    await expect(
      s.b.broker.transfers.retrieve({ sub: 'bob', scopes: [] }, transfer.id),
    ).rejects.toMatchObject({
      status: 404,
    });
    // A CreateTransferBody may carry `idempotency_key: null` (v2.yaml): no key, a new transfer.
    const body2: CreateTransferBody = {
      amount: -100,
      user_id: user.id,
      idempotency_key: null,
    };
    const unkeyed = await s.b.broker.transfers.create({ sub: 'seller-1', scopes: [] }, body2);
    expect(unkeyed.id).not.toBe(transfer.id);
    expect(s.count('POST', '/api/v2/transfers')).toBe(before + 2);
    await expect(
      s.b.broker.transfers.create(
        { sub: 'seller-1', scopes: [], maxPayoutCents: 100 },
        { amount: -101, user_id: user.id },
      ),
    ).rejects.toMatchObject({
      status: 403,
      code: 'limit_exceeded',
    });
  });

  it('payout to a seller with a payout method: owned transfer on their stream', async () => {
    const seller = await stream('seller-2');
    const user = await s.b.broker.users.create(
      { sub: 'seller-2', scopes: [] },
      {
        first_name: 'Val',
        last_name: 'Vendor',
        email: 'val@example.com',
        country_code: '1',
        phone_number: '4155550177',
      },
    );
    const flow = await s.b.broker.flows.create(
      { sub: 'seller-2', scopes: [] },
      { steps: ['manage-payouts'] },
    );
    expect(flow.user_id).toBe(user.id);
    await s.control('POST', `/_sandbox/flows/${flow.id}/complete`, {});
    const payout = await s.b.broker.payouts.create(
      { sub: 'seller-2', scopes: [] },
      { user_id: user.id, amount: 250, platform: 'paypal', fund: true },
      { idempotencyKey: 'payout-1' },
    );
    expect((await s.b.broker.store.getOwner('transfer', payout.id))?.owner).toBe('seller-2');
    await seller.next(
      (m) => m.event === 'transfer.updated' && (m.data as { id: string }).id === payout.id,
    );
    const again = await s.b.broker.payouts.create(
      { sub: 'seller-2', scopes: [] },
      { user_id: user.id, amount: 250, platform: 'paypal', fund: true },
      { idempotencyKey: 'payout-1' },
    );
    expect(again.id).toBe(payout.id);
  });

  it('a server-side create retried after the user got linked replays, not 409', async () => {
    const first = await s.b.broker.flows.create(
      { sub: 'seller-3', scopes: [] },
      { steps: ['manage-payouts'] },
      { idempotencyKey: 'onboard-1' },
    );
    expect(first.user_id ?? null).toBeNull();
    // Between the call and its retry, the broker links a Dots user to the principal: the
    // retry's enriched body differs, the host's request does not.
    await s.b.broker.users.create(
      { sub: 'seller-3', scopes: [] },
      {
        first_name: 'Ria',
        last_name: 'Retry',
        email: 'ria@example.com',
        country_code: '1',
        phone_number: '4155550178',
      },
    );
    const retried = await s.b.broker.flows.create(
      { sub: 'seller-3', scopes: [] },
      { steps: ['manage-payouts'] },
      { idempotencyKey: 'onboard-1' },
    );
    expect(retried.id).toBe(first.id);
    await expect(
      s.b.broker.flows.create(
        { sub: 'seller-3', scopes: [] },
        { steps: ['payout'] },
        { idempotencyKey: 'onboard-1' },
      ),
    ).rejects.toMatchObject({ status: 409, code: 'idempotency_mismatch' });
  });

  it('POST /flows retried after the user got linked replays, not 409', async () => {
    const auth = `Bearer ${await token('seller-4')}`;
    const body = { steps: ['manage-payouts'], idempotency_key: 'http-onboard-1' };
    const first = await request(s.b.url).post('/flows').set('authorization', auth).send(body);
    expect(first.status).toBe(201);
    await s.b.broker.users.create(
      { sub: 'seller-4', scopes: [] },
      {
        first_name: 'Hal',
        last_name: 'Http',
        email: 'hal@example.com',
        country_code: '1',
        phone_number: '4155550179',
      },
    );
    const retried = await request(s.b.url).post('/flows').set('authorization', auth).send(body);
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(first.body.id);
    expect(retried.headers['idempotent-replayed']).toBe('true');
  });

  it('weekly batch: owned, followed until completed with payout_batch.updated', async () => {
    const host = await stream('payroll');
    const user = await s.b.broker.users.create(
      { sub: 'payroll', scopes: [] },
      {
        first_name: 'Pat',
        last_name: 'Payee',
        email: 'pat@example.com',
        country_code: '1',
        phone_number: '4155550142',
      },
    );
    const batch = await s.b.broker.payoutBatches.create({ sub: 'payroll', scopes: [] }, {
      items: [{ user_id: user.id, amount: 300, platform: 'paypal', fund: true }],
    } as never);
    const completed = await host.next(
      (m) =>
        m.event === 'payout_batch.updated' && (m.data as { status: string }).status === 'completed',
      10_000,
    );
    expect((completed.data as { id: string }).id).toBe(batch.id);
    expect(completed.data).toMatchObject({ items_processed: 1 });
    const read = await request(s.b.url)
      .get(`/payout-batches/${batch.id}`)
      .set('authorization', `Bearer ${await token('payroll')}`);
    expect(read.status).toBe(200);
    expect(
      (
        await request(s.b.url)
          .get(`/payout-batches/${batch.id}`)
          .set('authorization', `Bearer ${await token('bob')}`)
      ).status,
    ).toBe(404);
  });

  it('payout link: claim in the sandbox → payout_link.updated until paid out', async () => {
    const payee = await stream('payee-1');
    const created = await request(s.b.url)
      .post('/payout-links')
      .set('authorization', `Bearer ${await token('payee-1')}`)
      .send({ amount: 700 });
    expect(created.status).toBe(201);
    await s.control('POST', `/_sandbox/payout-links/${created.body.id}/claim`, {});
    const paid = await payee.next(
      (m) =>
        m.event === 'payout_link.updated' &&
        ['claimed', 'paid_out'].includes((m.data as { status: string }).status),
      10_000,
    );
    expect((paid.data as { id: string }).id).toBe(created.body.id);
  });
});
