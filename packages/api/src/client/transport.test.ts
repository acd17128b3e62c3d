import { describe, expect, it } from 'vitest';
import { UUID_RE, useClientHarness } from '../test-support/client-harness';
import { DOTS_ENVIRONMENTS } from '../wire/environment';
import { createDotsClient } from './create-client';

const USER_ID = 'f33919ae-6793-41bd-b512-1ad3c19f4ecb';
const ID = 'b3293101-35ef-451a-aad4-881da3697c2f';

const h = useClientHarness();
const client = h.client;

describe('headers', () => {
  it('sends Basic auth base64(clientId:apiKey), JSON headers, no app id or user ip by default', async () => {
    await client().flows.retrieve(ID);
    const [req] = h.server.requests;
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
    const [req] = h.server.requests;
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
        return fetch(String(input).replace(base, h.server.baseUrl), init);
      },
    });
    expect(c.baseUrl).toBe(base);
    await c.flows.retrieve(ID);
    expect(seen).toEqual([`${base}/v2/flows/${ID}`]);
    expect(h.server.requests[0]?.path).toBe(`/v2/flows/${ID}`);
  });

  it('joins a custom baseUrl with or without a trailing slash', async () => {
    await client({ environment: { baseUrl: `${h.server.baseUrl}/` } }).transfers.retrieve(ID);
    await client().transfers.retrieve(ID);
    expect(h.server.requests.map((r) => r.path)).toEqual([
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

describe('idempotency keys, ids and request()', () => {
  it('keeps a caller-given idempotency key (option or body) and rejects two different ones', async () => {
    const c = client();
    await c.transfers.create({ amount: -1, user_id: USER_ID }, { idempotencyKey: ID });
    await c.transfers.create({ amount: -1, user_id: USER_ID, idempotency_key: USER_ID });
    expect(
      h.server.requests.map((r) => (r.body as { idempotency_key: string }).idempotency_key),
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
    const keys = h.server.requests.map(
      (r) => (r.body as { idempotency_key: string }).idempotency_key,
    );
    expect(keys[0]).toMatch(UUID_RE);
    expect(keys[1]).toMatch(UUID_RE);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('escapes ids in paths and refuses empty ids', async () => {
    await client().flows.retrieve('a/b?c');
    expect(h.server.requests[0]?.path).toBe('/v2/flows/a%2Fb%3Fc');
    await expect(client().flows.retrieve('')).rejects.toThrow(/id is required/);
  });

  it('request() is public: query, body, idempotencyKey and schema', async () => {
    h.server.handle(() => ({ json: { ok: true } }));
    const out = await client().request('POST', '/v2/custom', {
      body: { a: 1 },
      query: { x: 'y', skip: undefined },
      idempotencyKey: ID,
    });
    expect(out).toEqual({ ok: true });
    expect(h.server.requests[0]?.body).toEqual({ a: 1, idempotency_key: ID });
    expect(h.server.requests[0]?.query.toString()).toBe('x=y');
  });
});
