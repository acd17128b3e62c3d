import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resourceFor } from '../test-support/resources';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { DOTS_ENVIRONMENTS } from '../wire/environment';
import { createDotsClient } from './create-client';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const USER_ID = 'f33919ae-6793-41bd-b512-1ad3c19f4ecb';
const ID = 'b3293101-35ef-451a-aad4-881da3697c2f';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handle((req) => ({ status: 200, json: resourceFor(req.path) }));
});

function client(extra: Partial<Parameters<typeof createDotsClient>[0]> = {}) {
  return createDotsClient({
    clientId: 'pk_dev_client',
    apiKey: 'sk_dev_secret',
    environment: { baseUrl: server.baseUrl },
    ...extra,
  });
}

describe('headers', () => {
  it('sends Basic auth base64(clientId:apiKey), JSON headers, no app id or user ip by default', async () => {
    await client().flows.retrieve(ID);
    const [req] = server.requests;
    expect(req?.headers.authorization).toBe(
      `Basic ${Buffer.from('pk_dev_client:sk_dev_secret').toString('base64')}`,
    );
    expect(req?.headers.accept).toBe('application/json');
    expect(req?.headers['api-app-id']).toBeUndefined();
    expect(req?.headers['dots-user-ip']).toBeUndefined();
    expect(req?.headers['content-type']).toBeUndefined();
  });

  it('sends Api-App-Id when appId is given and Dots-User-IP from userIp', async () => {
    await client({ appId: 'app-123' }).users.create(
      {
        first_name: 'Bob',
        last_name: 'Loblaw',
        email: 'bob@example.com',
        country_code: '1',
        phone_number: '4154332334',
      },
      { userIp: '192.0.2.7' },
    );
    const [req] = server.requests;
    expect(req?.headers['api-app-id']).toBe('app-123');
    expect(req?.headers['dots-user-ip']).toBe('192.0.2.7');
    expect(req?.headers['content-type']).toBe('application/json');
  });
});

describe('environments', () => {
  it.each([
    ['sandbox', 'https://pls.senddotssandbox.com/api'],
    ['production', 'https://api.dots.dev/api'],
  ] as const)('%s resolves to %s and joins /v2 paths', async (environment, base) => {
    expect(DOTS_ENVIRONMENTS[environment]).toBe(base);
    const seen: string[] = [];
    const c = createDotsClient({
      clientId: 'c',
      apiKey: 'k',
      environment,
      // Redirect the named environment to the local server, keeping the rest of the URL.
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(String(input).replace(base, server.baseUrl), init);
      },
    });
    expect(c.baseUrl).toBe(base);
    await c.flows.retrieve(ID);
    expect(seen).toEqual([`${base}/v2/flows/${ID}`]);
    expect(server.requests[0]?.path).toBe(`/v2/flows/${ID}`);
  });

  it('joins a custom baseUrl with or without a trailing slash', async () => {
    await client({ environment: { baseUrl: `${server.baseUrl}/` } }).transfers.retrieve(ID);
    await client().transfers.retrieve(ID);
    expect(server.requests.map((r) => r.path)).toEqual([
      `/v2/transfers/${ID}`,
      `/v2/transfers/${ID}`,
    ]);
  });

  it('rejects bad configuration at creation, naming the fix', () => {
    expect(() => client({ environment: { baseUrl: 'not a url' } })).toThrow(
      /baseUrl that is not an absolute URL/,
    );
    expect(() => client({ environment: 'staging' as 'sandbox' })).toThrow(
      /"staging" is not 'sandbox' or 'production'/,
    );
    // The API key must not travel in clear text to another machine.
    expect(() => client({ environment: { baseUrl: 'http://dots.example/api' } })).toThrow(
      /http: off loopback/,
    );
    expect(() => client({ apiKey: '' })).toThrow(/apiKey is required/);
    expect(() => client({ clientId: '' })).toThrow(/clientId is required/);
    expect(() => client({ timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => client({ maxRetries: -1 })).toThrow(/maxRetries/);
  });
});

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
    server.handle((req) => {
      if (req.method === 'GET' && /^\/v2\/[a-z-]+$/.test(req.path))
        return { json: { data: [], has_more: false } };
      if (req.path.endsWith('/results'))
        return { json: { ...resourceFor(req.path, ID), items: [] } };
      return { json: resourceFor(req.path, ID) };
    });
    await call(client());
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req?.method).toBe(method);
    expect(req?.path).toBe(path);
    expect(req?.query.toString()).toBe(query);
    expect(req?.body).toEqual(body);
  });

  it('keeps a caller-given idempotency key (option or body) and rejects two different ones', async () => {
    const c = client();
    await c.transfers.create({ amount: -1, user_id: USER_ID }, { idempotencyKey: ID });
    await c.transfers.create({ amount: -1, user_id: USER_ID, idempotency_key: USER_ID });
    expect(
      server.requests.map((r) => (r.body as { idempotency_key: string }).idempotency_key),
    ).toEqual([ID, USER_ID]);
    await expect(
      c.transfers.create(
        { amount: -1, user_id: USER_ID, idempotency_key: USER_ID },
        { idempotencyKey: ID },
      ),
    ).rejects.toThrow(/differ/);
  });

  it('generates a fresh UUID key per call', async () => {
    const c = client();
    await c.payoutLinks.create({ amount: 1 });
    await c.payoutLinks.create({ amount: 1 });
    const keys = server.requests.map(
      (r) => (r.body as { idempotency_key: string }).idempotency_key,
    );
    expect(keys[0]).toMatch(UUID_RE);
    expect(keys[1]).toMatch(UUID_RE);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('escapes ids in paths and refuses empty ids', async () => {
    await client().flows.retrieve('a/b?c');
    expect(server.requests[0]?.path).toBe('/v2/flows/a%2Fb%3Fc');
    await expect(client().flows.retrieve('')).rejects.toThrow(/id is required/);
  });

  it('request() is public: query, body, idempotencyKey and schema', async () => {
    server.handle(() => ({ json: { ok: true } }));
    const out = await client().request('POST', '/v2/custom', {
      body: { a: 1 },
      query: { x: 'y', skip: undefined },
      idempotencyKey: ID,
    });
    expect(out).toEqual({ ok: true });
    expect(server.requests[0]?.body).toEqual({ a: 1, idempotency_key: ID });
    expect(server.requests[0]?.query.toString()).toBe('x=y');
  });
});
