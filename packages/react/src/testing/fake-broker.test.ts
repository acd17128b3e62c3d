import { describe, expect, it } from 'vitest';
import { createFakeBroker } from './fake-broker';

/** Calls the fake as `token` would (default: the default principal's current token). */
const caller =
  (broker: ReturnType<typeof createFakeBroker>, token = 'token-1') =>
  async (path: string) => {
    const res = await broker.fetch(`${broker.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: await res.json() };
  };

/** Reads an `/events` stream until `n` events arrived; gives their `event:` lines. */
async function readEvents(res: Response, n: number): Promise<string[]> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let text = '';
  while ((text.match(/^event: .*$/gm) ?? []).length < n)
    text += dec.decode((await reader.read()).value);
  await reader.cancel();
  return (text.match(/^event: .*$/gm) ?? []).map((l) => l.slice(7));
}

describe('fake broker: lists', () => {
  it('pages newest first with starting_after, limit and a status filter', async () => {
    const broker = createFakeBroker();
    const ids = Array.from({ length: 5 }, (_, i) =>
      broker.createTransfer({ status: i % 2 ? 'pending' : 'completed' }),
    ).map((t) => t.id);
    const get = caller(broker);
    const first = await get('/transfers?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.data.map((t: { id: string }) => t.id)).toEqual([ids[4], ids[3]]);
    expect(first.body.has_more).toBe(true);
    const next = await get(`/transfers?limit=2&starting_after=${ids[3]}`);
    expect(next.body.data.map((t: { id: string }) => t.id)).toEqual([ids[2], ids[1]]);
    const last = await get(`/transfers?limit=2&starting_after=${ids[1]}`);
    expect(last.body).toMatchObject({ data: [{ id: ids[0] }], has_more: false });
    const pending = await get('/transfers?status=pending');
    expect(pending.body.data.map((t: { id: string }) => t.id)).toEqual([ids[3], ids[1]]);
    expect((await get('/transfers')).body.data).toHaveLength(5);
  });

  it('answers 400 invalid_input naming each bad field', async () => {
    const broker = createFakeBroker();
    const get = caller(broker);
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=abc', 'limit'],
      ['status=paid', 'status'],
      ['limit=1&limit=2', 'limit'],
      ['sort=asc', 'sort'],
      ['starting_after=%3Cscript%3E', 'starting_after'],
    ]) {
      const res = await get(`/payout-links?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
    }
  });

  it('shows a principal only its own resources: lists, reads, cursors and events', async () => {
    const broker = createFakeBroker();
    const mine = broker.createPayoutLink({ amount: 100 });
    const theirs = broker.createPayoutLink({ amount: 200 }, { principal: 'bob' });
    const asBob = caller(broker, 'token-1@bob');
    expect((await asBob('/payout-links')).body.data.map((l: { id: string }) => l.id)).toEqual([
      theirs.id,
    ]);
    expect((await asBob(`/payout-links/${mine.id}`)).status).toBe(404);
    // Another's id as a cursor: an empty last page, as for an unknown id.
    const cursor = await asBob(`/payout-links?starting_after=${mine.id}`);
    expect([cursor.status, cursor.body]).toEqual([200, { data: [], has_more: false }]);
    expect((await asBob('/payout-links?starting_after=nope')).body.data).toEqual([]);
    expect((await caller(broker)('/payout-links')).body.data).toHaveLength(1);

    const stream = await broker.fetch(`${broker.url}/events`, {
      headers: { authorization: 'Bearer token-1@bob' },
    });
    broker.setPayoutLinkStatus(mine.id, 'claimed');
    broker.setPayoutLinkStatus(theirs.id, 'sent');
    const reader = stream.body!.getReader();
    let text = '';
    while (!text.includes('"sent"')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain(theirs.id);
    expect(text).not.toContain(mine.id);
  });
});

describe('fake broker: wallet', () => {
  it('answers 404 no_linked_user until a user is linked, then the wallet', async () => {
    const broker = createFakeBroker();
    const get = caller(broker);
    const none = await get('/wallet');
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('no_linked_user');
    const w = broker.setWallet({ amount: 500, withdrawable_amount: 300 });
    expect((await get('/wallet')).body).toEqual(w);
    expect((await caller(broker, 'token-1@bob')('/wallet')).status).toBe(404);
  });

  it('fund and withdraw move the wallet and push transfer.updated then wallet.updated', async () => {
    const broker = createFakeBroker();
    broker.setWallet({}, { push: false });
    const stream = await broker.fetch(`${broker.url}/events`, {
      headers: { authorization: 'Bearer token-1' },
    });
    broker.fund(2500);
    const out = broker.withdraw(1000);
    broker.setTransferStatus(out.id, 'completed');
    expect(await readEvents(stream, 6)).toEqual([
      'transfer.updated',
      'wallet.updated',
      'transfer.updated',
      'wallet.updated',
      'transfer.updated',
      'wallet.updated',
    ]);
    expect(broker.wallets.get('seller-1')).toMatchObject({
      amount: 1500,
      withdrawable_amount: 1500,
    });
    const list = await caller(broker)('/transfers');
    expect(list.body.data.map((t: { type: string; amount: number }) => [t.type, t.amount])).toEqual(
      [
        ['payout', 1000],
        ['balance', -2500],
      ],
    );
  });

  it("completing a flow links the owner's user; a payout step withdraws the balance", async () => {
    const broker = createFakeBroker();
    const res = await broker.fetch(`${broker.url}/flows`, {
      method: 'POST',
      headers: { authorization: 'Bearer token-1' },
      body: JSON.stringify({ steps: ['payout'] }),
    });
    const flow = await res.json();
    broker.setWallet({ amount: 700, withdrawable_amount: 700 });
    broker.completeFlow(flow.id);
    expect(broker.wallets.get('seller-1')).toMatchObject({ amount: 0, withdrawable_amount: 0 });
    expect([...broker.transfers.values()]).toMatchObject([
      { type: 'payout', amount: 700, status: 'pending' },
    ]);
  });
});

describe('fake broker: flow events', () => {
  it('pushes flow.completed once, when the last step completes, whichever driver does it', async () => {
    const broker = createFakeBroker();
    const res = await broker.fetch(`${broker.url}/flows`, {
      method: 'POST',
      headers: { authorization: 'Bearer token-1' },
      body: JSON.stringify({ steps: ['compliance', 'manage-payouts'] }),
    });
    const flow = await res.json();
    const stream = await broker.fetch(`${broker.url}/events`, {
      headers: { authorization: 'Bearer token-1' },
    });
    broker.completeStep(flow.id, 'compliance');
    broker.completeStep(flow.id, 'manage-payouts');
    broker.completeFlow(flow.id);
    broker.setWallet({ amount: 1 });
    expect(await readEvents(stream, 5)).toEqual([
      'flow.updated',
      'flow.updated',
      'flow.completed',
      'flow.updated',
      'wallet.updated',
    ]);
  });
});
