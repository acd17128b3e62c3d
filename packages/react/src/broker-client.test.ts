import { describe, expect, it, vi } from 'vitest';
import { type BrokerConfig, createBrokerClient } from './broker-client';
import { DotsWidgetError } from './errors';
import { createFakeBroker } from './testing';

/** The error a request failed with (the test fails when it succeeded). */
const failure = (request: Promise<unknown>): Promise<DotsWidgetError> =>
  request.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: DotsWidgetError) => e,
  );

describe('broker client', () => {
  it('sends the bearer token; on 401 asks getToken again (refresh) once and retries', async () => {
    const fb = createFakeBroker();
    const getToken = vi.fn(fb.getToken);
    const client = createBrokerClient(() => ({ ...fb.config, getToken }));
    const t = fb.createTransfer();
    await client.get(`/transfers/${t.id}`);
    expect(getToken).toHaveBeenCalledTimes(1);
    fb.revokeToken();
    const got = await client.get<{ id: string }>(`/transfers/${t.id}`);
    expect(got.id).toBe(t.id);
    expect(getToken.mock.calls.slice(1)).toEqual([[{ refresh: false }], [{ refresh: true }]]);
    expect(fb.requests.map((r) => r.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('a second 401 is reported, not retried forever', async () => {
    const fb = createFakeBroker();
    const client = createBrokerClient(() => ({ ...fb.config, getToken: () => 'wrong' }));
    const err = await failure(client.get('/transfers/x'));
    expect(err).toBeInstanceOf(DotsWidgetError);
    expect(err).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(fb.requests).toHaveLength(2);
  });

  it("maps the broker's error body to DotsWidgetError: its code, status, details, a [dotskit] message", async () => {
    const fb = createFakeBroker();
    const client = createBrokerClient(() => fb.config);
    const bad = await failure(client.post('/flows', { steps: [] }));
    expect(bad).toBeInstanceOf(DotsWidgetError);
    expect(bad).toMatchObject({ name: 'DotsWidgetError', code: 'invalid_input', status: 400 });
    expect(bad.message).toMatch(/^\[dotskit\] \w/);
    const limited = createBrokerClient(() => ({
      url: 'https://x.test',
      getToken: () => 't',
      fetch: async () =>
        Response.json(
          { error: { code: 'rate_limited', message: 'Slow down.', details: [{ path: 'x' }] } },
          { status: 429, headers: { 'retry-after': '7' } },
        ),
    }));
    expect(await limited.get('/flows/1').catch((e) => e)).toMatchObject({
      code: 'rate_limited',
      status: 429,
      message: '[dotskit] Slow down.',
      details: [{ path: 'x' }],
      retryAfterMs: 7000,
    });
  });

  /** A client whose fetch does `answer`, with a working getToken unless given. */
  const clientWith = (
    answer: () => Promise<Response>,
    getToken: BrokerConfig['getToken'] = () => 't',
  ) => createBrokerClient(() => ({ url: 'https://x.test', getToken, fetch: answer }));

  it('network_error only when fetch() itself rejected (cause kept)', async () => {
    const offline = new TypeError('Failed to fetch');
    const err = await failure(clientWith(() => Promise.reject(offline)).get('/flows/1'));
    expect(err).toBeInstanceOf(DotsWidgetError);
    expect(err).toMatchObject({ code: 'network_error', message: '[dotskit] Failed to fetch' });
    expect(err.status).toBeUndefined();
    expect(err.cause).toBe(offline);
  });

  it('bad_response when the broker answered without its JSON: a 2xx body that does not parse, an error page', async () => {
    const html = clientWith(async () => new Response('<html>', { status: 502 }));
    expect(await html.get('/flows/1').catch((e) => e)).toMatchObject({
      code: 'bad_response',
      status: 502,
    });
    const truncated = clientWith(async () => new Response('{"id":"f_1",', { status: 200 }));
    expect(await truncated.get('/flows/1').catch((e) => e)).toMatchObject({
      code: 'bad_response',
      status: 200,
    });
  });

  it('token_error when the host getToken throws (a TypeError included) or rejects', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'jwt')");
    const fetch = vi.fn(async () => Response.json({ id: 'x' }));
    for (const getToken of [
      () => {
        throw bug;
      },
      () => Promise.reject(new Error('session endpoint down')),
    ]) {
      const client = createBrokerClient(() => ({ url: '/dots', getToken, fetch }));
      const err = await failure(client.get('/flows/1'));
      expect(err).toBeInstanceOf(DotsWidgetError);
      expect(err.code).toBe('token_error');
      expect(err.cause).toBeInstanceOf(Error);
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it('unexpected_error for a programming error in the fetch path, never network_error', async () => {
    // A fetch that answers something that is not a Response: our code then throws a TypeError.
    const broken = clientWith(async () => ({ status: 200 }) as unknown as Response);
    const err = await failure(broken.get('/flows/1'));
    expect(err).toBeInstanceOf(DotsWidgetError);
    expect(err.code).toBe('unexpected_error');
    expect(err.cause).toBeInstanceOf(TypeError);
  });

  it('dedupes concurrent GETs of the same path', async () => {
    const fb = createFakeBroker();
    const client = createBrokerClient(() => fb.config);
    const t = fb.createTransfer();
    const [a, b] = await Promise.all([
      client.get(`/transfers/${t.id}`),
      client.get(`/transfers/${t.id}`),
    ]);
    expect(a).toBe(b);
    expect(fb.requests).toHaveLength(1);
    await client.get(`/transfers/${t.id}`);
    expect(fb.requests).toHaveLength(2);
  });
});

/** An unsigned JWT-shaped token expiring at `exp` (epoch seconds); the client only reads exp. */
const jwt = (exp: number, n = 1) =>
  `e30.${btoa(JSON.stringify({ exp, n })).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.sig`;

describe('broker client token keeping', () => {
  const ok = () => vi.fn(async () => Response.json({ id: 'x' }));

  it('asks getToken once for concurrent and later requests until 30 s before exp', async () => {
    vi.useFakeTimers({ now: 1_000_000_000 });
    try {
      const now = () => Math.floor(Date.now() / 1000);
      let n = 0;
      const getToken = vi.fn(async () => jwt(now() + 300, ++n));
      const fetch = ok();
      const client = createBrokerClient(() => ({ url: '/dots', getToken, fetch }));
      await Promise.all([1, 2, 3, 4, 5].map((i) => client.get(`/flows/${i}`)));
      await client.post('/flows', { steps: ['payout'] });
      expect(getToken).toHaveBeenCalledTimes(1);
      vi.setSystemTime(Date.now() + 269_000); // 31 s left: still kept
      await client.get('/flows/6');
      expect(getToken).toHaveBeenCalledTimes(1);
      vi.setSystemTime(Date.now() + 2_000); // 29 s left: a new one
      await client.get('/flows/7');
      expect(getToken).toHaveBeenCalledTimes(2);
      expect(getToken.mock.calls[1]).toEqual([{ refresh: false }]);
      const auth = fetch.mock.calls.map((c) => (c as unknown as [string, RequestInit])[1]);
      expect(
        new Set(auth.map((i) => (i.headers as Record<string, string>).authorization)).size,
      ).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a token without a readable exp is asked for per request (concurrent ones share a call)', async () => {
    const getToken = vi.fn(() => 'opaque-token');
    const client = createBrokerClient(() => ({ url: '/dots', getToken, fetch: ok() }));
    await Promise.all([client.get('/a'), client.get('/b')]);
    expect(getToken).toHaveBeenCalledTimes(1);
    await client.get('/c');
    await client.get('/d');
    expect(getToken).toHaveBeenCalledTimes(3);
    const expless = vi.fn(() => `e30.${btoa('{"sub":"u"}')}.sig`);
    const c2 = createBrokerClient(() => ({ url: '/dots', getToken: expless, fetch: ok() }));
    await c2.get('/a');
    await c2.get('/b');
    expect(expless).toHaveBeenCalledTimes(2);
  });

  it('after a 401 refreshes once (shared by concurrent requests) and keeps the new token', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const tokens = [jwt(exp, 1), jwt(exp, 2)];
    const getToken = vi.fn(async ({ refresh }: { refresh: boolean }) => tokens[refresh ? 1 : 0]!);
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) =>
      (init?.headers as Record<string, string> | undefined)?.authorization === `Bearer ${tokens[0]}`
        ? Response.json({ error: { code: 'unauthorized' } }, { status: 401 })
        : Response.json({ id: 'x' }),
    );
    const client = createBrokerClient(() => ({ url: '/dots', getToken, fetch }));
    await Promise.all([client.get('/a'), client.get('/b')]);
    await client.get('/c');
    expect(getToken.mock.calls).toEqual([[{ refresh: false }], [{ refresh: true }]]);
    expect(fetch).toHaveBeenCalledTimes(5); // 2 refused, 2 retried, 1 with the kept token
  });

  it('a new getToken function drops the kept token; a failed call is not kept', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    let config: BrokerConfig = { url: '/dots', getToken: vi.fn(() => jwt(exp)), fetch: ok() };
    const client = createBrokerClient(() => config);
    await client.get('/a');
    const first = config.getToken;
    config = { ...config, getToken: vi.fn(() => jwt(exp, 2)) };
    await client.get('/b');
    expect(first).toHaveBeenCalledTimes(1);
    expect(config.getToken).toHaveBeenCalledTimes(1);
    const failing = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('session endpoint down'))
      .mockResolvedValue(jwt(exp, 3));
    config = { ...config, getToken: failing };
    expect(await client.get('/c').catch((e) => e.code)).toBe('token_error');
    await client.get('/d');
    await client.get('/e');
    expect(failing).toHaveBeenCalledTimes(2);
  });
});
