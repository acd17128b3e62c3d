import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DotsError } from '../errors';
import { resourceFor } from '../test-support/resources';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { createDotsClient } from './create-client';

const USER_ID = 'f33919ae-6793-41bd-b512-1ad3c19f4ecb';
const ID = 'b3293101-35ef-451a-aad4-881da3697c2f';
const transfer = resourceFor('/v2/transfers', ID);
const flow = resourceFor('/v2/flows', ID);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function client(extra: Partial<Parameters<typeof createDotsClient>[0]> = {}) {
  return createDotsClient({
    clientId: 'c',
    apiKey: 'k',
    environment: { baseUrl: server.baseUrl },
    retryBaseDelayMs: 20,
    retryMaxDelayMs: 200,
    ...extra,
  });
}

describe('idempotency and retries', () => {
  it('retries a create on 5xx with the same idempotency key and body', async () => {
    server.replies(
      { status: 503, json: { error: 'service-unavailable' } },
      { status: 500 },
      { json: transfer },
    );
    const result = await client().transfers.create({ amount: -1000, user_id: USER_ID });
    expect(result.id).toBe(ID);
    expect(server.requests).toHaveLength(3);
    const bodies = server.requests.map((r) => r.rawBody);
    expect(new Set(bodies).size).toBe(1);
    expect(
      (server.requests[0]?.body as { idempotency_key?: string } | undefined)?.idempotency_key,
    ).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('backs off exponentially: each wait is at least half of base * 2^n', async () => {
    server.replies({ status: 502 }, { status: 502 }, { json: flow });
    await client({ retryBaseDelayMs: 40, retryMaxDelayMs: 1000 }).flows.retrieve(ID);
    const [a, b, c] = server.requests.map((r) => r.at);
    expect((b ?? 0) - (a ?? 0)).toBeGreaterThanOrEqual(20 - 2);
    expect((c ?? 0) - (b ?? 0)).toBeGreaterThanOrEqual(40 - 2);
  });

  it('stops after maxRetries and throws the last error', async () => {
    server.replies({ status: 500, json: { error: 'service-unavailable', message: 'down' } });
    const err = await client({ maxRetries: 1 })
      .flows.retrieve(ID)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DotsError);
    expect(err).toMatchObject({ code: 'dots_error', status: 500 });
    expect(server.requests).toHaveLength(2);
  });

  it('honours Retry-After in seconds on 429', async () => {
    server.replies({ status: 429, headers: { 'retry-after': '1' } }, { json: flow });
    // retryBaseDelayMs is tiny: the ~1 s wait can only come from the header.
    await client({ retryBaseDelayMs: 1, retryMaxDelayMs: 5000 }).flows.retrieve(ID);
    const [a, b] = server.requests.map((r) => r.at);
    expect((b ?? 0) - (a ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('honours Retry-After as an HTTP date', async () => {
    server.handle((_req, i) =>
      i === 0
        ? { status: 429, headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() } }
        : { json: flow },
    );
    await client({ retryBaseDelayMs: 1, retryMaxDelayMs: 5000 }).flows.retrieve(ID);
    const [a, b] = server.requests.map((r) => r.at);
    // HTTP dates have 1 s resolution: the wait is between 1 and 2 s.
    expect((b ?? 0) - (a ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('does not retry a POST without an idempotency key (redeliver)', async () => {
    server.replies({ status: 503 });
    await expect(client().payoutLinks.redeliver(ID)).rejects.toMatchObject({ code: 'dots_error' });
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry PATCH or DELETE', async () => {
    server.replies({ status: 503 });
    await expect(client().users.update(USER_ID, { auto_payout_enabled: true })).rejects.toThrow();
    await expect(client().payoutLinks.cancel(ID)).rejects.toThrow();
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 4xx', async () => {
    server.replies({ status: 400, json: { error: 'invalid-input', message: 'amount is invalid' } });
    await expect(client().transfers.create({ amount: -1, user_id: USER_ID })).rejects.toMatchObject(
      {
        code: 'dots_error',
        status: 400,
        details: { dotsCode: 'invalid-input' },
      },
    );
    expect(server.requests).toHaveLength(1);
  });

  it('retries network failures, then reports a network_error', async () => {
    server.replies({ destroy: true });
    const err = await client({ maxRetries: 2 })
      .flows.retrieve(ID)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DotsError);
    expect(err).toMatchObject({
      code: 'network_error',
      details: { method: 'GET', path: `/v2/flows/${ID}` },
    });
    expect(server.requests).toHaveLength(3);
  });

  it('reports a refused connection as a network_error', async () => {
    const dead = await startTestServer();
    const baseUrl = dead.baseUrl;
    await dead.close();
    const err = await client({ environment: { baseUrl }, maxRetries: 0 })
      .flows.list()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'network_error' });
    expect((err as Error).message).toContain('GET /v2/flows');
  });

  it('recovers from a dropped connection on an idempotent POST with the same key', async () => {
    server.replies({ destroy: true }, { status: 201, json: transfer });
    await client().payouts.create(
      { user_id: USER_ID, amount: 1000, platform: 'paypal' },
      { idempotencyKey: ID },
    );
    expect(
      server.requests.map((r) => (r.body as { idempotency_key: string }).idempotency_key),
    ).toEqual([ID, ID]);
  });
});

describe('timeouts and aborts', () => {
  it('times out a hanging request with a timeout DotsError', async () => {
    server.replies({ hang: true });
    const started = Date.now();
    const err = await client({ timeoutMs: 100, maxRetries: 0 })
      .flows.retrieve(ID)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DotsError);
    expect(err).toMatchObject({
      code: 'timeout',
      details: { timeoutMs: 100, method: 'GET', path: `/v2/flows/${ID}` },
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('retries after a timeout and succeeds', async () => {
    server.replies({ hang: true }, { json: flow });
    const got = await client({ timeoutMs: 100 }).flows.retrieve(ID);
    expect(got.id).toBe(ID);
    expect(server.requests).toHaveLength(2);
  });

  it('a per-call timeoutMs overrides the client default', async () => {
    server.replies({ hang: true });
    await expect(
      client({ maxRetries: 0 }).flows.retrieve(ID, { timeoutMs: 50 }),
    ).rejects.toMatchObject({ code: 'timeout' });
  });

  it('the caller aborting stops the request with the abort reason, without retrying', async () => {
    server.replies({ hang: true });
    const controller = new AbortController();
    const pending = client()
      .flows.retrieve(ID, { signal: controller.signal })
      .catch((e: unknown) => e);
    await expect.poll(() => server.requests.length).toBe(1);
    controller.abort(new Error('user left'));
    expect(await pending).toMatchObject({ message: 'user left' });
    expect(server.requests).toHaveLength(1);
  });

  it('the caller aborting during a backoff wait stops further attempts', async () => {
    server.replies({ status: 503 });
    const controller = new AbortController();
    const pending = client({ retryBaseDelayMs: 5000, retryMaxDelayMs: 5000 })
      .flows.retrieve(ID, { signal: controller.signal })
      .catch((e: unknown) => e);
    await expect.poll(() => server.requests.length).toBe(1);
    controller.abort();
    expect((await pending) as Error).toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    await expect(
      client().flows.retrieve(ID, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(server.requests).toHaveLength(0);
  });
});
