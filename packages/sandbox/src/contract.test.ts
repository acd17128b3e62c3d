import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { userSchema } from '@dotskit/api';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './sandbox';
import { contractErrors, declaresNoBody } from './test-support/contract';
import { AUTH, userBody } from './test-support/helpers';
import { type RunningPrism, startPrism } from './test-support/prism';

// Every implemented operation, called through Stoplight Prism (a validating proxy over
// the patched v2.yaml, `--errors`), and each answer also validated with Ajv: two
// validators nobody here wrote must both accept it.
let sb: RunningSandbox;
let prism: RunningPrism;
beforeAll(async () => {
  sb = await startSandbox({ enableControls: true });
  prism = await startPrism(sb.url);
}, 90_000);
afterAll(async () => {
  await prism?.close();
  await sb?.close();
});

type Res = { status: number; body: Record<string, unknown> & { id?: string } };
async function call(method: string, path: string, body?: unknown): Promise<Res> {
  const res = await fetch(`${prism.url}${path}`, {
    method,
    headers: { authorization: AUTH, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}
const control = (path: string, body: unknown = {}) =>
  fetch(`${sb.url}/_sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Calls `method path` through Prism and checks the answer with both validators. */
async function check(method: string, template: string, path: string, body?: unknown) {
  const res = await call(method, path, body);
  const where = `${method} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`;
  // Prism answers a violation itself, with a problem+json `type` of its own.
  expect(String(res.body.type ?? ''), where).not.toMatch(/stoplight\.io\/prism/);
  expect(res.status, where).toBeLessThan(300);
  if (declaresNoBody(method, template, res.status)) expect(res.body, where).toEqual({});
  else expect(contractErrors(method, template, res.status, res.body), where).toEqual([]);
  return res;
}

describe('contract: Prism and Ajv accept every implemented operation', () => {
  it('users, flows, payout links, transfers, payouts, send-payout, batches, transactions, apps', async () => {
    const user = await check('POST', '/v2/users', '/v2/users', {
      ...userBody(),
      metadata: { internal_id: 'u1' },
    });
    const uid = userSchema.parse(user.body).id;
    await check('GET', '/v2/users', '/v2/users?limit=5&status=unverified');
    await check('GET', '/v2/users/{user_id}', `/v2/users/${uid}`);
    const flow = await check('POST', '/v2/flows', '/v2/flows', {
      steps: ['compliance', 'manage-payouts'],
      user_id: uid,
    });
    await control(`/flows/${flow.body.id}/complete`);
    await check('GET', '/v2/flows/{flow_id}', `/v2/flows/${flow.body.id}`);
    await check('GET', '/v2/flows', '/v2/flows');
    await check('PATCH', '/v2/users/{user_id}', `/v2/users/${uid}`, {
      default_payout_method: 'paypal',
      metadata: { tier: 'gold' },
    });
    const methods = '/v2/users/{user_id}/payout-methods';
    await check('PUT', methods, `/v2/users/${uid}/payout-methods`, {
      platform: 'ach',
      routing_number: '110000000',
      account_number: '000123456789',
      account_type: 'checking',
      metadata: { note: 'primary' },
    });
    await check('GET', methods, `/v2/users/${uid}/payout-methods`);
    await check('PUT', '/v2/users/{user_id}/compliance', `/v2/users/${uid}/compliance`, {
      w9: {
        entity_type: 'individual',
        date_of_birth: '1990-01-01',
        tin: '123456789',
        address: { line_1: '1 Main', city: 'SF', state: 'CA', country: 'US', postcode: '94105' },
      },
    });
    await check('PUT', '/v2/users/{user_id}/addresses', `/v2/users/${uid}/addresses`, {
      line_1: '1 Main',
      city: 'SF',
      state: 'CA',
      country: 'US',
      postcode: '94105',
    });
    const tokenPath = `/v2/users/${uid}/send-verification-token`;
    await check('POST', '/v2/users/{user_id}/send-verification-token', tokenPath, {});
    const { token } = await (
      await fetch(`${sb.url}/_sandbox/users/${uid}/verification-token`)
    ).json();
    await check('POST', '/v2/users/{user_id}/verify', `/v2/users/${uid}/verify`, { token });
    await check('GET', '/v2/users/{user_id}', `/v2/users/${uid}`);

    const transfer = await check('POST', '/v2/transfers', '/v2/transfers', {
      amount: -1500,
      user_id: uid,
      idempotency_key: null,
    });
    await check('GET', '/v2/transfers/{transfer_id}', `/v2/transfers/${transfer.body.id}`);
    await check('POST', '/v2/payouts', '/v2/payouts', {
      user_id: uid,
      amount: 500,
      platform: 'default',
      fund: false,
      idempotency_key: crypto.randomUUID(),
    });
    await check('POST', '/v2/payouts', '/v2/payouts', {
      user_id: uid,
      amount: 300,
      platform: 'ach',
      fund: false,
      idempotency_key: crypto.randomUUID(),
    });
    sb.sandbox.clock.advance(1000);
    await check('GET', '/v2/transfers', `/v2/transfers?user_id=${uid}&reverse_order=true`);
    await check('GET', '/v2/transfers', '/v2/transfers?status=failed&type=payout');
    const sent = await check('POST', '/v2/payouts/send-payout', '/v2/payouts/send-payout', {
      amount: 200,
      user_id: uid,
      idempotency_key: null,
    });
    expect(sent.body.status).toBe('claimed');
    await check('POST', '/v2/payouts/send-payout', '/v2/payouts/send-payout', {
      amount: 200,
      payee: { country_code: '1', phone_number: '4155550999' },
    });

    const link = await check('POST', '/v2/payout-links', '/v2/payout-links', {
      amount: 700,
      memo: 'Thanks',
      payee: { first_name: 'Ann' },
      delivery: { method: 'sms' },
      idempotency_key: null,
    });
    const one = '/v2/payout-links/{payout_link_id}';
    await check('GET', one, `/v2/payout-links/${link.body.id}`);
    await check(
      'POST',
      '/v2/payout-links/{payout_link_id}/redeliver',
      `/v2/payout-links/${link.body.id}/redeliver`,
    );
    await check('DELETE', one, `/v2/payout-links/${link.body.id}`);
    const claimed = await check('POST', '/v2/payout-links', '/v2/payout-links', { amount: 300 });
    await control(`/payout-links/${claimed.body.id}/claim`);
    await check('GET', one, `/v2/payout-links/${claimed.body.id}`);
    await check('GET', '/v2/payout-links', '/v2/payout-links');

    const batch = await check('POST', '/v2/payout-batches', '/v2/payout-batches', {
      idempotency_key: crypto.randomUUID(),
      metadata: { week: '2024-08' },
      items: [uid, crypto.randomUUID()].map((user_id) => ({
        user_id,
        amount: 100,
        platform: 'paypal',
        fund: true,
        idempotency_key: crypto.randomUUID(),
      })),
    });
    sb.sandbox.clock.advance(5000);
    const batchPath = `/v2/payout-batches/${batch.body.id}`;
    await check('GET', '/v2/payout-batches/{payout_batch_id}', batchPath);
    const results = await check(
      'GET',
      '/v2/payout-batches/{payout_batch_id}/results',
      `${batchPath}/results?include_request=true`,
    );
    expect(results.body.items).toHaveLength(2);
    await check('GET', '/v2/payout-batches', '/v2/payout-batches?limit=1');

    const txs = await check('GET', '/v2/transactions', '/v2/transactions?include_transfer=true');
    const txId = (txs.body.data as { id: number }[])[0]!.id;
    await check('GET', '/v2/transactions/{transaction_id}', `/v2/transactions/${txId}`);

    const app = await check('POST', '/v2/apps', '/v2/apps', { name: 'Second app' });
    expect(app.body.organization_id).toBe(sb.sandbox.organizationId);
    await check('GET', '/v2/apps/{app_id}', `/v2/apps/${app.body.id}`);
    await check('GET', '/v2/apps', '/v2/apps');

    const other = await check('POST', '/v2/users', '/v2/users', userBody(2));
    await check('DELETE', '/v2/users/{user_id}', `/v2/users/${other.body.id}`);

    // Prism logs what it found; nothing may be an error-level violation.
    expect(prism.output()).not.toMatch(
      /Violation:(?! response Unable to match the returned status code)/,
    );
  }, 60_000);

  it('the validators are not rubber stamps', async () => {
    expect(
      contractErrors('get', '/v2/flows/{flow_id}', 200, { id: 'x', steps: ['dance'] }),
    ).not.toEqual([]);
    expect(
      contractErrors('get', '/v2/payout-links/{payout_link_id}', 200, { status: 'paid_out' }),
    ).not.toEqual([]);
    expect(contractErrors('get', '/v2/apps', 200, { data: [] })).not.toEqual([]);
    // Prism refuses a request that breaks the spec with its own 422 ...
    const bogus = await call('GET', '/v2/users?status=bogus');
    expect(bogus.status).toBe(422);
    expect(String(bogus.body.type)).toMatch(/stoplight\.io\/prism/);
  });

  it('Prism answers a response that breaks the spec with its own 500', async () => {
    // ... and a response that breaks it: a stub upstream returns a payout link with a
    // status v2.yaml does not have.
    const stub = express().get('/api/v2/payout-links/:id', (req, res) => {
      res.json({ id: req.params.id, status: 'paid_out', amount: 'lots' });
    });
    const server = await new Promise<Server>((resolve) => {
      const s = stub.listen(0, '127.0.0.1', () => resolve(s));
    });
    const stubPrism = await startPrism(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    );
    try {
      const res = await fetch(`${stubPrism.url}/v2/payout-links/${crypto.randomUUID()}`, {
        headers: { authorization: AUTH },
      });
      expect(res.status).toBe(500);
      expect(await res.text()).toMatch(/VIOLATIONS[\s\S]*status/);
    } finally {
      await stubPrism.close();
      server.close();
    }
  }, 90_000);
});
