import { describe, expect, it } from 'vitest';
import { UUID_RE, useClientHarness } from '../test-support/client-harness';
import { resourceFor } from '../test-support/resources';

const USER_ID = 'f33919ae-6793-41bd-b512-1ad3c19f4ecb';
const ID = 'b3293101-35ef-451a-aad4-881da3697c2f';

const h = useClientHarness();
const client = h.client;

describe('every resource method: method, path, query and body', () => {
  const created = (body: unknown) =>
    expect.objectContaining({
      ...(body as object),
      idempotency_key: expect.stringMatching(UUID_RE),
    });
  const userBody = {
    first_name: 'Bob',
    last_name: 'Loblaw',
    email: 'bob@example.com',
    country_code: '1',
    phone_number: '4154332334',
  };
  const batchItem = {
    user_id: USER_ID,
    amount: 1000,
    platform: 'paypal' as const,
    idempotency_key: ID,
    fund: true as const,
  };

  const cases: [
    string,
    (c: ReturnType<typeof client>) => Promise<unknown>,
    string,
    string,
    unknown,
    string?,
  ][] = [
    ['users.create', (c) => c.users.create(userBody), 'POST', '/v2/users', created(userBody)],
    ['users.retrieve', (c) => c.users.retrieve(USER_ID), 'GET', `/v2/users/${USER_ID}`, undefined],
    [
      'users.list',
      (c) => c.users.list({ limit: 5, status: 'verified' }),
      'GET',
      '/v2/users',
      undefined,
      'limit=5&status=verified',
    ],
    [
      'users.update',
      (c) => c.users.update(USER_ID, { default_payout_method: 'paypal' }),
      'PATCH',
      `/v2/users/${USER_ID}`,
      { default_payout_method: 'paypal' },
    ],
    [
      'flows.create',
      (c) =>
        c.flows.create({
          steps: ['compliance', { name: 'manage-payouts', hide_continue_button: true }],
        }),
      'POST',
      '/v2/flows',
      created({ steps: ['compliance', { name: 'manage-payouts', hide_continue_button: true }] }),
    ],
    ['flows.retrieve', (c) => c.flows.retrieve(ID), 'GET', `/v2/flows/${ID}`, undefined],
    [
      'flows.list',
      (c) => c.flows.list({ starting_after: ID }),
      'GET',
      '/v2/flows',
      undefined,
      `starting_after=${ID}`,
    ],
    [
      'payoutLinks.create',
      (c) => c.payoutLinks.create({ amount: 123 }),
      'POST',
      '/v2/payout-links',
      created({ amount: 123 }),
    ],
    [
      'payoutLinks.retrieve',
      (c) => c.payoutLinks.retrieve(ID),
      'GET',
      `/v2/payout-links/${ID}`,
      undefined,
    ],
    [
      'payoutLinks.list',
      (c) => c.payoutLinks.list({ ending_before: ID }),
      'GET',
      '/v2/payout-links',
      undefined,
      `ending_before=${ID}`,
    ],
    [
      'payoutLinks.cancel',
      (c) => c.payoutLinks.cancel(ID),
      'DELETE',
      `/v2/payout-links/${ID}`,
      undefined,
    ],
    [
      'payoutLinks.redeliver',
      (c) => c.payoutLinks.redeliver(ID),
      'POST',
      `/v2/payout-links/${ID}/redeliver`,
      undefined,
    ],
    [
      'transfers.create',
      (c) => c.transfers.create({ amount: -1000, user_id: USER_ID }),
      'POST',
      '/v2/transfers',
      created({ amount: -1000, user_id: USER_ID }),
    ],
    [
      'transfers.retrieve',
      (c) => c.transfers.retrieve(ID),
      'GET',
      `/v2/transfers/${ID}`,
      undefined,
    ],
    [
      'transfers.list',
      (c) => c.transfers.list({ user_id: USER_ID, reverse_order: true }),
      'GET',
      '/v2/transfers',
      undefined,
      `user_id=${USER_ID}&reverse_order=true`,
    ],
    [
      'payouts.create',
      (c) => c.payouts.create({ user_id: USER_ID, amount: 1000, platform: 'default' }),
      'POST',
      '/v2/payouts',
      created({ user_id: USER_ID, amount: 1000, platform: 'default' }),
    ],
    [
      'payoutBatches.create',
      (c) => c.payoutBatches.create({ items: [batchItem] }),
      'POST',
      '/v2/payout-batches',
      created({ items: [batchItem] }),
    ],
    [
      'payoutBatches.retrieve',
      (c) => c.payoutBatches.retrieve(ID),
      'GET',
      `/v2/payout-batches/${ID}`,
      undefined,
    ],
    [
      'payoutBatches.list',
      (c) => c.payoutBatches.list({ limit: 10 }),
      'GET',
      '/v2/payout-batches',
      undefined,
      'limit=10',
    ],
    [
      'payoutBatches.results',
      (c) => c.payoutBatches.results(ID, { include_request: true }),
      'GET',
      `/v2/payout-batches/${ID}/results`,
      undefined,
      'include_request=true',
    ],
    [
      'apps.create',
      (c) => c.apps.create({ name: 'My App' }),
      'POST',
      '/v2/apps',
      created({ name: 'My App' }),
    ],
    ['apps.retrieve', (c) => c.apps.retrieve(ID), 'GET', `/v2/apps/${ID}`, undefined],
    ['apps.list', (c) => c.apps.list({ limit: 3 }), 'GET', '/v2/apps', undefined, 'limit=3'],
  ];

  it.each(cases)('%s', async (_name, call, method, path, body, query = '') => {
    // Answer each call with a body its schema accepts.
    h.server.handle((req) => {
      if (req.method === 'GET' && /^\/v2\/[a-z-]+$/.test(req.path))
        return { json: { data: [], has_more: false } };
      if (req.path.endsWith('/results'))
        return { json: { ...resourceFor(req.path, ID), items: [] } };
      return { json: resourceFor(req.path, ID) };
    });
    await call(client());
    expect(h.server.requests).toHaveLength(1);
    const [req] = h.server.requests;
    expect(req?.method).toBe(method);
    expect(req?.path).toBe(path);
    expect(req?.query.toString()).toBe(query);
    expect(req?.body).toEqual(body);
  });
});
