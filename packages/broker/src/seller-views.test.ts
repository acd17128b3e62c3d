import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNoSecretLeaks, token } from './test-support/helpers';
import { openSse } from './test-support/sse-client';
import { type Stack, startStack } from './test-support/stack';

checkNoSecretLeaks();

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(() => s.close());

const get = async (path: string, sub: string) =>
  request(s.b.url)
    .get(path)
    .set('authorization', `Bearer ${await token(sub)}`);
const ids = (res: request.Response) => (res.body.data as Array<{ id: string }>).map((t) => t.id);

describe("the seller's own views", () => {
  it('lists the principal’s transfers newest first, in pages, by status; nobody else’s; wallet live', async () => {
    const alice = { sub: 'seller-alice', scopes: [] };
    const user = await s.b.broker.users.create(alice, {
      first_name: 'Alice',
      last_name: 'Seller',
      email: 'alice@example.com',
      country_code: '1',
      phone_number: '4155550100',
    });
    const sse = await openSse(`${s.b.url}/events`, await token('seller-alice'), 0);
    const made: string[] = [];
    for (const amount of [-100, -200, -300]) {
      const transfer = await s.b.broker.transfers.create(alice, {
        amount,
        user_id: user.id,
      });
      made.push(transfer.id);
    }
    await s.b.broker.idle();
    const wallet = await sse.next((m) => m.event === 'wallet.updated');
    expect(wallet.data).toMatchObject({ user_id: user.id });

    const first = await get('/transfers?limit=2', 'seller-alice');
    expect(first.status).toBe(200);
    expect([ids(first), first.body.has_more]).toEqual([[made[2], made[1]], true]);
    const next = await get(`/transfers?limit=2&starting_after=${made[1]}`, 'seller-alice');
    expect([ids(next), next.body.has_more]).toEqual([[made[0]], false]);
    const completed = await get('/transfers?status=completed', 'seller-alice');
    expect(ids(completed).sort()).toEqual([...made].sort());
    expect(
      (completed.body.data as Array<{ status: string }>).every((t) => t.status === 'completed'),
    ).toBe(true);
    expect((await s.b.broker.transfers.list(alice, { limit: 1 })).data.map((t) => t.id)).toEqual([
      made[2],
    ]);

    const bob = await get('/transfers', 'seller-bob');
    expect(bob.body).toEqual({ data: [], has_more: false });
    const cursorOfAlice = await get(`/transfers?starting_after=${made[1]}`, 'seller-bob');
    expect(cursorOfAlice.body).toEqual({ data: [], has_more: false });

    const balance = await get('/wallet', 'seller-alice');
    expect(balance.status).toBe(200);
    expect(balance.body).toMatchObject({ user_id: user.id });
    expect(typeof balance.body.amount).toBe('number');
    const none = await get('/wallet', 'seller-bob');
    expect([none.status, none.body.error.code]).toEqual([404, 'no_linked_user']);
    sse.close();
  });

  it('lists payout links the principal created', async () => {
    const created = await request(s.b.url)
      .post('/payout-links')
      .set('authorization', `Bearer ${await token('link-maker')}`)
      .send({ amount: 250 });
    expect(created.status).toBe(201);
    const list = await get('/payout-links', 'link-maker');
    expect(ids(list)).toEqual([created.body.id]);
    expect(ids(await get('/payout-links', 'someone-else'))).toEqual([]);
  });

  it.each([
    ['limit=0'],
    ['limit=101'],
    ['limit=ten'],
    ['status=bogus'],
    ['starting_after=%3Cscript%3E'],
    ['limit=1&limit=2'],
    ['extra=1'],
  ])('answers a bad query (%s) with 400 and field details', async (query) => {
    const res = await get(`/transfers?${query}`, 'seller-alice');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.details.fields.length).toBeGreaterThan(0);
  });
});
