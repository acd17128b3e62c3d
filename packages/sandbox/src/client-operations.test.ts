import { createDotsClient, DotsError } from '@dotskit/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './sandbox';
import { present } from './test-support/present';

// The @dotskit/api client (strict: every answer checked against its zod schema) on each
// operation the sandbox gained for issue 17, against a listening sandbox.
let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox({ enableControls: true, timings: { transferSettleMs: 5 } });
});
afterAll(() => sb.close());

const dots = () =>
  createDotsClient({
    clientId: 'sandbox_client_id',
    apiKey: 'sandbox_api_key',
    environment: { baseUrl: `${sb.url}/api` },
    strict: true,
    maxRetries: 0,
  });
const newUser = (n: number) =>
  dots().users.create({
    first_name: 'Ola',
    last_name: `N${n}`,
    email: `ola${n}@example.com`,
    country_code: '1',
    phone_number: `41555501${String(n).padStart(2, '0')}`,
  });
const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e) => (e instanceof DotsError && e.code === 'dots_error' ? (e.status ?? -1) : -1),
  );

describe('new operations round-trip through the client', () => {
  it('users: payout methods, compliance, verification, addresses, delete', async () => {
    const api = dots();
    const user = await newUser(1);
    const id = user.id;
    expect(await api.users.listPayoutMethods(id)).toEqual([]);
    const bank = await api.users.addPayoutMethod(id, {
      platform: 'ach',
      routing_number: '110000000',
      account_number: '000123456789',
      account_type: 'checking',
      metadata: { note: 'primary' },
    });
    expect(bank).toMatchObject({
      platform: 'ach',
      account_type: 'checking',
      meta: { note: 'primary' },
    });
    const paypal = await api.users.addPayoutMethod(id, {
      platform: 'paypal',
      email: 'o@pay.example',
    });
    expect(paypal.platform).toBe('paypal');
    const methods = await api.users.listPayoutMethods(id);
    expect(methods.map((m) => m.platform)).toEqual(['ach', 'paypal']);
    // The first method became the default; is_default moves it.
    expect((await api.users.retrieve(id)).default_payout_method).toBe('ach');
    await api.users.addPayoutMethod(id, {
      platform: 'paypal',
      email: 'o@pay.example',
      is_default: true,
    });
    expect((await api.users.retrieve(id)).default_payout_method).toBe('paypal');
    expect(await status(api.users.addPayoutMethod(id, { platform: 'ach' }))).toBe(400);

    await api.users.submitCompliance(id, {
      w9: {
        entity_type: 'individual',
        date_of_birth: '1990-02-03',
        tin: '123456789',
        address: { line_1: '1 Main St', city: 'SF', state: 'CA', country: 'US', postcode: '94105' },
      },
    });
    expect((await api.users.retrieve(id)).compliance).toMatchObject({
      tax_id_collected: true,
      date_of_birth_collected: true,
    });
    expect(await status(api.users.submitCompliance(id, {} as never))).toBe(400);

    await api.users.sendVerificationToken(id, { use_voice: false });
    expect(await status(api.users.verify(id, { token: '000000x' }))).toBe(400);
    const token = (await (await fetch(`${sb.url}/_sandbox/users/${id}/verification-token`)).json())
      .token as string;
    expect(token).toMatch(/^\d{6}$/);
    await api.users.verify(id, { token });
    expect((await api.users.retrieve(id)).status).toBe('verified');

    await api.users.addAddress(id, {
      line_1: '2 Side St',
      city: 'Oakland',
      state: 'CA',
      country: 'US',
      postcode: '94607',
    });
    expect(await status(api.users.addAddress(id, { city: 'X' } as never))).toBe(400);

    const deleted = await api.users.delete(id);
    expect(deleted).toMatchObject({ id, status: 'disabled' });
    expect(await status(api.users.retrieve(id))).toBe(404);
    expect((await api.users.list({ limit: 100 })).data.map((u) => u.id)).not.toContain(id);
  });

  it('refuses to delete a user whose wallet holds money', async () => {
    const api = dots();
    const id = (await newUser(2)).id;
    await api.transfers.create({ amount: -300, user_id: id });
    expect(await status(api.users.delete(id))).toBe(400);
  });

  it('send-payout pays a user with a method at once and sends others a link', async () => {
    const api = dots();
    const known = (await newUser(3)).id;
    await api.users.addPayoutMethod(known, { platform: 'venmo', phone_number: '4155550103' });
    const paid = await api.payouts.send({ amount: 400, user_id: known, idempotency_key: null });
    expect(paid).toMatchObject({ status: 'claimed', claimed_user_id: known });
    // The emulated clock follows wall time here: the payout may already have settled.
    expect(['pending', 'completed']).toContain(
      (await api.transfers.retrieve(present(paid.transfer_id, 'transfer_id'))).status,
    );
    sb.sandbox.clock.advance(5);
    expect((await api.transfers.retrieve(present(paid.transfer_id, 'transfer_id'))).status).toBe(
      'completed',
    );

    const stranger = await api.payouts.send({
      amount: 250,
      payee: { country_code: '1', phone_number: '4155559999' },
      memo: 'For the shift',
    });
    expect(stranger).toMatchObject({ status: 'delivery_pending', delivery: { method: 'sms' } });
    expect(stranger.link).toBe(`${sb.url}/flow/${stranger.flow_id}`);
    expect(await status(api.payouts.send({ amount: 1 } as never))).toBe(400);
  });

  it('transactions: list (with transfers, paginated by integer id) and retrieve', async () => {
    const api = dots();
    const id = (await newUser(4)).id;
    const t = await api.transfers.create({ amount: -700, user_id: id });
    const page = await api.transactions.list({ limit: 2, include_transfer: true });
    expect(page.data).toHaveLength(2);
    expect(page.data[0]).toMatchObject({ transfer_id: t.id, amount: 700 });
    expect(page.data[0]?.transfer?.id).toBe(t.id);
    const next = await api.transactions.list({
      limit: 2,
      starting_after: String(page.data[1]?.id),
    });
    expect(next.data[0]?.id).not.toBe(page.data[1]?.id);
    const one = await api.transactions.retrieve(present(page.data[0], 'a transaction').id);
    expect(one).toMatchObject({ id: page.data[0]?.id, transfer_id: t.id });
    expect(await status(api.transactions.retrieve(999_999_999))).toBe(404);
  });
});
