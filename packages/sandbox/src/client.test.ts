import { createDotsClient, DotsError, isFlowComplete } from '@dotskit/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './sandbox';

// The real @dotskit/api client, strict mode (every response checked against its zod
// schema), round-tripping every method against a listening sandbox.
let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox({
    enableControls: true,
    clientId: 'pk_test',
    apiKey: 'sk_test',
    timings: { transferSettleMs: 5, batchStepMs: 5 },
  });
});
afterAll(() => sb.close());

const client = () =>
  createDotsClient({
    clientId: 'pk_test',
    apiKey: 'sk_test',
    environment: { baseUrl: `${sb.url}/api` },
    strict: true,
    maxRetries: 0,
  });
const control = (path: string, body: unknown = {}) =>
  fetch(`${sb.url}/_sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.json() as Promise<Record<string, unknown>>);

describe('@dotskit/api client against the sandbox', () => {
  it('round-trips users, flows, payout links, transfers, payouts, batches and apps', async () => {
    const dots = client();
    const user = await dots.users.create({
      first_name: 'Ada',
      last_name: 'L',
      email: 'ada@example.com',
      country_code: '1',
      phone_number: '4155550100',
    });
    expect((await dots.users.retrieve(user.id)).email).toBe('ada@example.com');
    expect((await dots.users.list({ limit: 5 })).data.map((u) => u.id)).toContain(user.id);
    const seen: string[] = [];
    for await (const u of dots.users.iterate({ limit: 1 })) seen.push(u.id);
    expect(seen).toContain(user.id);

    const flow = await dots.flows.create({ steps: ['manage-payouts'], user_id: user.id });
    expect(isFlowComplete(flow)).toBe(false);
    await control(`/flows/${flow.id}/complete`);
    const done = await dots.flows.retrieve(flow.id);
    expect(isFlowComplete(done)).toBe(true);
    expect((await dots.flows.list()).data[0]?.id).toBe(flow.id);

    const updated = await dots.users.update(user.id, {
      default_payout_method: 'paypal',
      metadata: { vip: true },
    });
    expect(updated.metadata).toEqual({ vip: true });

    const transfer = await dots.transfers.create({ amount: -2000, user_id: user.id });
    expect(transfer.status).toBe('completed');
    expect((await dots.transfers.retrieve(transfer.id)).amount).toBe(-2000);
    const payout = await dots.payouts.create({
      user_id: user.id,
      amount: 1000,
      platform: 'paypal',
    });
    expect(payout.type).toBe('payout');
    expect((await dots.transfers.list({ limit: 10 })).data.map((t) => t.id)).toEqual(
      expect.arrayContaining([transfer.id, payout.id]),
    );

    const link = await dots.payoutLinks.create({
      amount: 500,
      delivery: { method: 'email' },
      payee: { email: 'pay@example.com' },
    });
    expect(link.status).toBe('delivery_pending');
    expect((await dots.payoutLinks.retrieve(link.id)).link).toBe(`${sb.url}/flow/${link.flow_id}`);
    const redelivered = await dots.payoutLinks.redeliver(link.id);
    expect(redelivered.redelivered).toBe(true);
    expect((await dots.payoutLinks.cancel(link.id)).status).toBe('canceled');
    expect((await dots.payoutLinks.list()).data[0]?.id).toBe(link.id);

    const batch = await dots.payoutBatches.create({
      items: [
        {
          user_id: user.id,
          amount: 100,
          platform: 'paypal',
          fund: true,
          idempotency_key: crypto.randomUUID(),
        },
      ],
    });
    await control('/clock/advance', { seconds: 1 });
    expect((await dots.payoutBatches.retrieve(batch.id)).status).toBe('completed');
    const results = await dots.payoutBatches.results(batch.id, { include_request: true });
    expect(results.items[0]?.transfer?.status).toBe('completed');
    expect((await dots.payoutBatches.list({ limit: 1 })).data[0]?.id).toBe(batch.id);

    const app = await dots.apps.create({ name: 'Second app' });
    expect((await dots.apps.retrieve(app.id)).metrics?.wallet_balance).toBe('100.00');
    expect((await dots.apps.list()).data.map((a) => a.id)).toContain(app.id);
  });

  it('acts on another app with Api-App-Id (its own $100 wallet)', async () => {
    const app = await client().apps.create({ name: 'Tenant app' });
    const tenant = createDotsClient({
      clientId: 'pk_test',
      apiKey: 'sk_test',
      environment: { baseUrl: `${sb.url}/api` },
      appId: app.id,
      maxRetries: 0,
    });
    const user = await tenant.users.create({
      first_name: 'T',
      last_name: 'U',
      email: 't@example.com',
      country_code: '1',
      phone_number: '4155550101',
    });
    await tenant.transfers.create({ amount: -10_000, user_id: user.id });
    expect((await tenant.apps.retrieve(app.id)).metrics?.wallet_balance).toBe('0.00');
    await expect(client().users.retrieve(user.id)).rejects.toMatchObject({ status: 404 });
  });

  it('surfaces Dots errors with their codes, never the key', async () => {
    const dots = client();
    const user = await dots.users.create({
      first_name: 'Poor',
      last_name: 'U',
      email: 'p@example.com',
      country_code: '1',
      phone_number: '4155550102',
    });
    const err = await dots.transfers
      .create({ amount: 1, user_id: user.id })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DotsError);
    expect(err).toMatchObject({
      code: 'dots_error',
      status: 400,
      details: { dotsCode: 'transaction-insufficient-funds' },
    });
    const unauth = createDotsClient({
      clientId: 'pk_test',
      apiKey: 'wrong',
      environment: { baseUrl: `${sb.url}/api` },
      maxRetries: 0,
    });
    const e401 = await unauth.flows.list().catch((e: unknown) => e);
    expect(e401).toMatchObject({
      code: 'dots_error',
      status: 401,
      details: { dotsCode: 'unauthorized' },
    });
    expect(JSON.stringify(e401)).not.toContain('sk_test');
  });
});
