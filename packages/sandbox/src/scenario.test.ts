import { createDotsClient, webhookEventSchema } from '@dotskit/api';
import { Webhook } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './sandbox';
import { present } from './test-support/present';
import { ofType, startReceiver } from './test-support/receiver';

// A whole marketplace day against a listening sandbox, through its public surfaces only:
// the REST API (via the @dotskit/api client), the hosted pages' form posts (what the
// page script sends), the emulated clock, and webhooks received by a real HTTP receiver
// and verified with the svix package.
const SECRET = 'whsec_c2NlbmFyaW8tc2VjcmV0LWZvci10ZXN0cw==';
let sb: RunningSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
  sb = await startSandbox({ webhooks: [{ url: receiver.url, secret: SECRET }] });
});
afterAll(async () => {
  await sb.close();
  await receiver.close();
});

async function submit(path: string, body: Record<string, string>) {
  const res = await fetch(`${sb.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as {
    message?: { step: string; status: string };
    html?: string;
    error?: string;
  };
  expect(res.status, JSON.stringify(json)).toBe(200);
  return json;
}

describe('a marketplace day', () => {
  it('onboards sellers, pays them by link, transfer, payout and a 50-item batch, with signed webhooks', async () => {
    const dots = createDotsClient({
      clientId: 'sandbox_client_id',
      apiKey: 'sandbox_api_key',
      environment: { baseUrl: `${sb.url}/api` },
      maxRetries: 0,
    });

    // 1. Onboard a seller through a flow without a user: onboarding, compliance, payout method.
    const flow = await dots.flows.create({ steps: ['compliance', 'manage-payouts'] });
    const path = new URL(flow.link).pathname;
    await submit(`${path}/onboarding`, {
      first_name: 'Sam',
      last_name: 'Seller',
      email: 'sam@example.com',
      country_code: '1',
      phone_number: '4155550111',
    });
    const c = await submit(`${path}/steps/compliance`, {
      tax_id: '123456789',
      date_of_birth: '1988-04-01',
      address: '1 Market St',
      postal_code: '94105',
    });
    expect(c.message).toEqual({ step: 'compliance', status: 'completed' });
    const m = await submit(`${path}/steps/manage-payouts`, {
      platform: 'paypal',
      email: 'sam@paypal.example',
    });
    expect(m.message).toEqual({ step: 'manage-payouts', status: 'completed' });
    const onboarded = await dots.flows.retrieve(flow.id);
    expect(onboarded.completed_steps).toEqual(['compliance', 'manage-payouts']);
    const sellerId = present(onboarded.user_id, 'the onboarded user');

    // 2. Pay someone not yet onboarded with a payout link: delivered → claimed → paid out.
    const link = await dots.payoutLinks.create({ amount: 1500, memo: 'Thanks for the gig' });
    expect(link.status).toBe('delivered');
    expect(link.link).toBe(`${sb.url}/flow/${link.flow_id}`);
    const linkFlow = `/flow/${link.flow_id}`;
    await submit(`${linkFlow}/onboarding`, {
      first_name: 'Nia',
      last_name: 'New',
      email: 'nia@example.com',
      country_code: '1',
      phone_number: '4155550112',
    });
    expect((await dots.payoutLinks.retrieve(link.id)).status).toBe('claimed');
    await submit(`${linkFlow}/steps/payout`, { platform: 'venmo', phone_number: '4155550112' });
    const paidOut = await receiver.waitFor(ofType(sb.sandbox.webhooks, 'payout_link.paid_out'));
    expect(JSON.parse(paidOut.raw)).toMatchObject({ id: link.id, status: 'claimed' });
    const paidLink = await dots.payoutLinks.retrieve(link.id);
    expect(paidLink.transfer_id).toBe(link.transfer_id);
    expect(
      (await dots.transfers.retrieve(present(paidLink.transfer_id, 'transfer_id'))).status,
    ).toBe('completed');

    // 3. Fund the seller's wallet with a transfer, then pay out through the API.
    const funding = await dots.transfers.create({ amount: -2000, user_id: sellerId });
    expect(funding.status).toBe('completed');
    const payout = await dots.payouts.create({
      user_id: sellerId,
      amount: 2000,
      platform: 'default',
    });
    await receiver.waitFor(
      (r) =>
        ofType(sb.sandbox.webhooks, 'transfer.completed')(r) &&
        JSON.parse(r.raw).transfer_id === payout.id,
    );

    // 4. A weekly batch of 50 payouts runs to completed.
    const batch = await dots.payoutBatches.create({
      metadata: { week: '2026-48' },
      items: Array.from({ length: 50 }, (_, i) => ({
        user_id: sellerId,
        amount: 100,
        platform: 'paypal' as const,
        fund: true as const,
        idempotency_key: crypto.randomUUID(),
        metadata: { line: i },
      })),
    });
    expect(batch).toMatchObject({ status: 'created', items_processed: 0 });
    sb.sandbox.clock.advance(10_000);
    const finished = await dots.payoutBatches.retrieve(batch.id);
    expect(finished).toMatchObject({
      status: 'completed',
      items_processed: 50,
      items_succeeded: 50,
      items_failed: 0,
    });
    const results = await dots.payoutBatches.results(batch.id);
    const batchTransfers = new Set(results.items.map((i) => i.transfer?.id));
    expect(batchTransfers.size).toBe(50);
    const completedBatch = () =>
      receiver.received.filter(
        (r) =>
          ofType(sb.sandbox.webhooks, 'transfer.completed')(r) &&
          batchTransfers.has(JSON.parse(r.raw).transfer_id),
      ).length;
    await receiver.waitFor(() => completedBatch() === 50);

    // Money adds up: $100 − $15 link − $20 transfer − $50 batch.
    expect((await dots.apps.retrieve(sb.sandbox.defaultAppId)).metrics).toMatchObject({
      wallet_balance: '15.00',
      money_out: '85.00',
    });

    // Every webhook verifies with svix and parses with @dotskit/api: it names the resource
    // it is about, and the type it shows (if any) is the one it was sent as. Ids are unique.
    await sb.sandbox.webhooks.idle();
    const wh = new Webhook(SECRET);
    const sentAs = new Map(sb.sandbox.webhooks.deliveries().map((d) => [d.id, d.event_type]));
    const types = new Map<string, number>();
    for (const r of receiver.received) {
      const body = wh.verify(r.raw, r.headers as Record<string, string>);
      const event = webhookEventSchema.parse(body);
      const type = sentAs.get(String(r.headers['svix-id'])) ?? 'missing';
      expect(event.subject, type).not.toBeNull();
      if (event.type !== null) expect(event.type).toBe(type);
      types.set(type, (types.get(type) ?? 0) + 1);
    }
    expect(new Set(receiver.received.map((r) => r.headers['svix-id'])).size).toBe(
      receiver.received.length,
    );
    expect(Object.fromEntries(types)).toMatchObject({
      'flow.updated': 5,
      'user.updated.payout_method': 2,
      'payout_link.claimed': 1,
      'payout_link.paid_out': 1,
      'flow.transaction_updated': 2,
      'transfer.completed': 2 + 1 + 1 + 100,
    });
    expect(types.has('flow.completed')).toBe(false);
    expect(sb.sandbox.webhooks.deliveries().every((d) => d.status === 'succeeded')).toBe(true);
  });
});
