import { expect, it } from 'vitest';
import {
  type BrokerContractTarget,
  call,
  expectBrokerError,
  invalidFields,
  pageIds,
  uniquePrincipal,
} from './target';

/**
 * Contract cases of what a principal sees: only its own resources (reads, lists, cursors,
 * wallet), lists newest first in cursor pages with a status filter, and the wallet.
 */
export function listCases(get: () => BrokerContractTarget): void {
  const createLinks = async (t: BrokerContractTarget, token: string, n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await call(t, 'POST', '/payout-links', { token, body: { amount: 100 + i } });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    return ids;
  };

  it("isolates principals: another's flow, link and transfer are 404, its lists and cursors empty", async () => {
    const t = get();
    const [ann, bob] = [uniquePrincipal('ann'), uniquePrincipal('bob')];
    const [annToken, bobToken] = [await t.token(ann), await t.token(bob)];
    const flow = await call(t, 'POST', '/flows', { token: annToken, body: { steps: ['payout'] } });
    const [linkId] = await createLinks(t, annToken, 1);
    const transferId = await t.fund(ann, 100);
    for (const path of [
      `/flows/${flow.body.id}`,
      `/payout-links/${linkId}`,
      `/transfers/${transferId}`,
    ]) {
      const res = await call(t, 'GET', path, { token: bobToken });
      expect(res.body, path).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
      expect(res.status).toBe(404);
      expect((await call(t, 'GET', path, { token: annToken })).status, path).toBe(200);
    }
    for (const list of ['/payout-links', '/transfers'])
      expect(pageIds(await call(t, 'GET', list, { token: bobToken })), list).toEqual([]);
    // Another's id as a cursor: an empty last page, exactly as an unknown id.
    for (const cursor of [linkId, 'pl_unknown_0001']) {
      const res = await call(t, 'GET', `/payout-links?starting_after=${cursor}`, {
        token: bobToken,
      });
      expect([res.status, res.body]).toEqual([200, { data: [], has_more: false }]);
    }
    expectBrokerError(await call(t, 'GET', '/wallet', { token: bobToken }), 'no_linked_user');
  });

  it('lists payout links newest first in cursor pages, filtered by status', async () => {
    const t = get();
    const ann = uniquePrincipal('ann');
    const token = await t.token(ann);
    const ids = await createLinks(t, token, 3);
    await createLinks(t, await t.token(uniquePrincipal('bob')), 1);
    const first = await call(t, 'GET', '/payout-links?limit=2', { token });
    expect([pageIds(first), first.body.has_more]).toEqual([[ids[2], ids[1]], true]);
    const next = await call(t, 'GET', `/payout-links?limit=2&starting_after=${ids[1]}`, { token });
    expect([pageIds(next), next.body.has_more]).toEqual([[ids[0]], false]);
    const all = await call(t, 'GET', '/payout-links', { token });
    expect([pageIds(all), all.body.has_more]).toEqual([[ids[2], ids[1], ids[0]], false]);
    // Each item is the link as `GET /payout-links/:id` answers it.
    expect(all.body.data[0]).toMatchObject({ id: ids[2], amount: 102, status: 'delivered' });
    const delivered = await call(t, 'GET', '/payout-links?status=delivered', { token });
    expect(pageIds(delivered)).toEqual([ids[2], ids[1], ids[0]]);
    const page = await call(
      t,
      'GET',
      `/payout-links?status=delivered&limit=1&starting_after=${ids[2]}`,
      {
        token,
      },
    );
    expect([pageIds(page), page.body.has_more]).toEqual([[ids[1]], true]);
    expect(pageIds(await call(t, 'GET', '/payout-links?status=claimed', { token }))).toEqual([]);
    const atMost = await call(t, 'GET', '/payout-links?limit=100', { token });
    expect(pageIds(atMost)).toHaveLength(3);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['status=bogus', 'status'],
    ['starting_after=%3Cscript%3E', 'starting_after'],
    ['limit=1&limit=2', 'limit'],
    ['extra=1', 'extra'],
  ])('answers a bad list query (%s) with 400 invalid_input naming %s', async (query, field) => {
    const t = get();
    const token = await t.token(uniquePrincipal('ann'));
    for (const list of ['/transfers', '/payout-links'])
      expect(invalidFields(await call(t, 'GET', `${list}?${query}`, { token })), list).toEqual([
        field,
      ]);
  });

  it("lists the principal's transfers newest first and serves its linked user's wallet", async () => {
    const t = get();
    const ann = uniquePrincipal('ann');
    const token = await t.token(ann);
    expectBrokerError(await call(t, 'GET', '/wallet', { token }), 'no_linked_user');
    await t.linkUser(ann);
    const made = [await t.fund(ann, 300), await t.fund(ann, 200), await t.fund(ann, 100)];
    const first = await call(t, 'GET', '/transfers?limit=2', { token });
    expect([pageIds(first), first.body.has_more]).toEqual([[made[2], made[1]], true]);
    const next = await call(t, 'GET', `/transfers?limit=2&starting_after=${made[1]}`, { token });
    expect([pageIds(next), next.body.has_more]).toEqual([[made[0]], false]);
    // Money from the app to the user is a negative amount (DOTS-FACTS).
    expect(first.body.data[0]).toMatchObject({ id: made[2], amount: -100, status: 'completed' });
    const completed = await call(t, 'GET', '/transfers?status=completed', { token });
    expect(pageIds(completed)).toEqual([made[2], made[1], made[0]]);
    expect(pageIds(await call(t, 'GET', '/transfers?status=failed', { token }))).toEqual([]);
    const wallet = await call(t, 'GET', '/wallet', { token });
    expect(wallet.status).toBe(200);
    expect(Object.keys(wallet.body).sort()).toEqual([
      'amount',
      'credit_balance',
      'user_id',
      'withdrawable_amount',
    ]);
    expect(typeof wallet.body.user_id).toBe('string');
    for (const key of ['amount', 'withdrawable_amount', 'credit_balance'])
      expect(Number.isInteger(wallet.body[key]), key).toBe(true);
    expect(wallet.body.amount).toBeGreaterThanOrEqual(600);
  });
}
