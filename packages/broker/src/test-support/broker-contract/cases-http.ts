import { expect, it } from 'vitest';
import {
  type BrokerContractTarget,
  call,
  expectBrokerError,
  invalidFields,
  uniquePrincipal,
} from './target';

/**
 * Contract cases of the request/answer routes: authentication, error bodies, creates and
 * their answers, input checks, idempotent replays and 409s, scopes.
 */
export function httpCases(get: () => BrokerContractTarget): void {
  it('answers 401 unauthorized without a token and with a bad one', async () => {
    const t = get();
    expectBrokerError(await call(t, 'GET', '/flows/f_missing'), 'unauthorized');
    expectBrokerError(
      await call(t, 'GET', '/flows/f_missing', { token: 'not-a-token' }),
      'unauthorized',
    );
    const post = await call(t, 'POST', '/flows', { body: { steps: ['compliance'] } });
    expectBrokerError(post, 'unauthorized');
  });

  it('answers an unknown id of every kind with 404 { code: not_found, message: "Not found." }', async () => {
    const t = get();
    const token = await t.token(uniquePrincipal('ann'));
    for (const kind of ['flows', 'payout-links', 'transfers', 'payout-batches']) {
      const res = await call(t, 'GET', `/${kind}/f_missing_0001`, { token });
      expect(res.body, kind).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
      expectBrokerError(res, 'not_found');
    }
    // Not an id at all: a 400 naming the problem, never a 404 or a 5xx.
    invalidFields(await call(t, 'GET', '/flows/bad%20id', { token }));
  });

  it('creates a flow: 201, the flow as Dots answers it, readable by its owner', async () => {
    const t = get();
    const token = await t.token(uniquePrincipal('ann'));
    const res = await call(t, 'POST', '/flows', {
      token,
      body: { steps: ['compliance', { name: 'payout', hide_continue_button: true }] },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBe('false');
    const flow = res.body;
    expect(flow).toMatchObject({ steps: ['compliance', 'payout'], completed_steps: [] });
    expect(flow.link).toBe(`${t.flowOrigin}/flow/${flow.id}`);
    expect(Number.isNaN(Date.parse(String(flow.created)))).toBe(false);
    const read = await call(t, 'GET', `/flows/${flow.id}`, { token });
    expect([read.status, read.body.id, read.body.link]).toEqual([200, flow.id, flow.link]);
  });

  it("creates a payout link: its link is its flow's page, its flow and transfer are the creator's to read", async () => {
    const t = get();
    const token = await t.token(uniquePrincipal('ann'));
    const res = await call(t, 'POST', '/payout-links', {
      token,
      body: { amount: 1234, memo: 'for the logo' },
    });
    expect(res.status).toBe(201);
    const link = res.body;
    // Delivered by `link` (the default method) at once, its payout transfer named (DOTS-FACTS).
    expect(link).toMatchObject({ amount: 1234, status: 'delivered', memo: 'for the logo' });
    expect(typeof link.flow_id).toBe('string');
    expect(typeof link.transfer_id).toBe('string');
    expect(link.link).toBe(`${t.flowOrigin}/flow/${link.flow_id}`);
    const other = await t.token(uniquePrincipal('bob'));
    for (const path of [
      `/payout-links/${link.id}`,
      `/flows/${link.flow_id}`,
      `/transfers/${link.transfer_id}`,
    ]) {
      const read = await call(t, 'GET', path, { token });
      expect([read.status, read.body.id], path).toEqual([200, path.split('/')[2]]);
      expectBrokerError(await call(t, 'GET', path, { token: other }), 'not_found');
    }
  });

  it('answers bad bodies with 400 and the bad fields, and broken JSON with invalid_json', async () => {
    const t = get();
    const token = await t.token(uniquePrincipal('ann'));
    const post = (path: string, body: unknown) => call(t, 'POST', path, { token, body });
    expect(invalidFields(await post('/flows', { steps: [] }))).toContain('steps');
    expect(invalidFields(await post('/flows', {}))).toContain('steps');
    expect(invalidFields(await post('/flows', { steps: ['teleport'] }))).toEqual(['steps.0']);
    expect(invalidFields(await post('/flows', { steps: ['payout', 'payout'] }))).toEqual(['steps']);
    expect(invalidFields(await post('/flows', { steps: ['payout'], user_id: 'u' }))).toEqual([
      'user_id',
    ]);
    expect(
      invalidFields(await post('/flows', { steps: [{ name: 'payout', amount: 5, force: true }] })),
    ).toEqual(['steps.0.amount', 'steps.0.force']);
    expect(invalidFields(await post('/payout-links', { amount: -1 }))).toEqual(['amount']);
    expect(invalidFields(await post('/payout-links', { amount: 'ten' }))).toEqual(['amount']);
    expect(
      invalidFields(await post('/payout-links', { amount: 10, idempotency_key: 'has space' })),
    ).toEqual(['idempotency_key']);
    expectBrokerError(await post('/flows', '{"steps":'), 'invalid_json');
  });

  it('replays a reused idempotency key with the first answer, and answers 409 for another body', async () => {
    const t = get();
    const ann = uniquePrincipal('ann');
    const token = await t.token(ann);
    const key = `contract-${ann}`;
    const body = { amount: 500, memo: 'a', idempotency_key: key };
    const first = await call(t, 'POST', '/payout-links', { token, body });
    // The same body with its keys in another order is the same request.
    const again = await call(t, 'POST', '/payout-links', {
      token,
      body: { idempotency_key: key, memo: 'a', amount: 500 },
    });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await call(t, 'POST', '/payout-links', {
      token,
      body: { ...body, amount: 501 },
    });
    expectBrokerError(other, 'idempotency_mismatch');
    // A key belongs to its principal and to the kind of resource.
    const bob = await call(t, 'POST', '/payout-links', {
      token: await t.token(uniquePrincipal('bob')),
      body,
    });
    expect(bob.status).toBe(201);
    expect(bob.body.id).not.toBe(first.body.id);
    const flow = await call(t, 'POST', '/flows', {
      token,
      body: { steps: ['compliance'], idempotency_key: key },
    });
    expect(flow.status).toBe(201);
    // Without a key every create is a new resource.
    const a = await call(t, 'POST', '/flows', { token, body: { steps: ['compliance'] } });
    const b = await call(t, 'POST', '/flows', { token, body: { steps: ['compliance'] } });
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('checks each route’s scope: 403 insufficient_scope naming the scope it needs', async () => {
    const t = get();
    const ann = uniquePrincipal('ann');
    const full = await t.token(ann);
    const flow = (await call(t, 'POST', '/flows', { token: full, body: { steps: ['payout'] } }))
      .body;
    const link = (await call(t, 'POST', '/payout-links', { token: full, body: { amount: 10 } }))
      .body;
    const none = await t.token(ann, []);
    const needs: [method: 'GET' | 'POST', path: string, scope: string, body?: unknown][] = [
      ['POST', '/flows', 'flows:write', { steps: ['payout'] }],
      ['GET', `/flows/${flow.id}`, 'flows:read'],
      ['POST', '/payout-links', 'payout_links:write', { amount: 10 }],
      ['GET', `/payout-links/${link.id}`, 'payout_links:read'],
      ['GET', '/payout-links', 'payout_links:read'],
      ['GET', '/transfers', 'payouts:read'],
      ['GET', '/transfers/t_missing', 'payouts:read'],
      ['GET', '/payout-batches/b_missing', 'payouts:read'],
      ['GET', '/wallet', 'payouts:read'],
    ];
    for (const [method, path, scope, body] of needs) {
      const denied = await call(t, method, path, { token: none, body });
      expectBrokerError(denied, 'insufficient_scope');
      expect(denied.body.error.details, `${method} ${path}`).toEqual({ required_scope: scope });
      // That one scope is enough (other answers than 403 are other cases' business).
      const allowed = await call(t, method, path, { token: await t.token(ann, [scope]), body });
      expect(allowed.status, `${method} ${path} with ${scope}`).not.toBe(403);
    }
  });
}
