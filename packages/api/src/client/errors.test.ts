import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DotsError } from '../errors';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { createDotsClient } from './create-client';

const CLIENT_ID = 'pk_dev_H7WKE9ySDhjyoutVA4I7FLaVE3ih5';
const API_KEY = 'sk_dev_ezAO5p4YCIzWzEh0jnnlqk84dCvE9';
const TOKEN = btoa(`${CLIENT_ID}:${API_KEY}`);
const ID = 'b3293101-35ef-451a-aad4-881da3697c2f';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function leaks(text: string): boolean {
  return text.includes(API_KEY) || text.includes(TOKEN);
}

function setup() {
  const lines: string[] = [];
  const log = (message: string, meta?: Record<string, unknown>) =>
    lines.push(`${message} ${JSON.stringify(meta)}`);
  const client = createDotsClient({
    clientId: CLIENT_ID,
    apiKey: API_KEY,
    environment: { baseUrl: server.baseUrl },
    appId: 'app-1',
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    strict: false,
    onWarning: (m) => lines.push(m),
    logger: { debug: log, warn: log },
  });
  return { client, lines };
}

describe('error mapping', () => {
  it.each([
    [
      { error: 'transaction-insufficient-funds', message: 'Not enough funds' },
      'transaction-insufficient-funds',
      'Not enough funds',
    ],
    [
      { error: { code: 'invalid-input', message: 'amount: expected integer' } },
      'invalid-input',
      'amount: expected integer',
    ],
    [{ code: 'resource-busy', message: 'Try again' }, 'resource-busy', 'Try again'],
    [{ error: 'Something broke' }, undefined, 'Something broke'],
  ])('maps Dots error body %j', async (body, code, message) => {
    server.replies({ status: 400, json: body, headers: { 'x-request-id': 'req_1' } });
    const { client } = setup();
    const err = (await client.transfers.retrieve(ID).catch((e: unknown) => e)) as DotsError;
    expect(err).toBeInstanceOf(DotsError);
    expect(err.name).toBe('DotsError');
    expect(err.code).toBe('dots_error');
    expect(err.status).toBe(400);
    expect(err.details).toEqual({
      method: 'GET',
      path: `/v2/transfers/${ID}`,
      dotsCode: code,
      requestId: 'req_1',
      body,
    });
    expect(err.message).toMatch(/^\[dotskit\] Dots API 400/);
    expect(err.message).toContain(message);
    expect(err.message).toContain(`GET /v2/transfers/${ID}`);
  });

  it('carries the Retry-After Dots sent with a 429 or 503, in ms', async () => {
    server.replies({
      status: 429,
      json: { error: 'rate-limited' },
      headers: { 'retry-after': '7' },
    });
    const limited = (await setup()
      .client.transfers.retrieve(ID)
      .catch((e: unknown) => e)) as DotsError;
    expect(limited).toMatchObject({ status: 429, retryAfterMs: 7_000 });
    server.replies({ status: 503, json: { error: 'down' } });
    const down = (await setup()
      .client.transfers.retrieve(ID)
      .catch((e: unknown) => e)) as DotsError;
    expect(down).toMatchObject({ status: 503, retryAfterMs: undefined });
  });

  it('maps a non-JSON error body', async () => {
    server.replies({ status: 404, text: 'Not Found' });
    const err = (await setup()
      .client.flows.retrieve(ID)
      .catch((e: unknown) => e)) as DotsError;
    expect(err).toMatchObject({ code: 'dots_error', status: 404 });
    expect(err.details).toMatchObject({ dotsCode: undefined, body: 'Not Found' });
  });
});

describe('the API key never leaks', () => {
  it('is absent from JSON.stringify(client) and util.inspect(client)', () => {
    const { client } = setup();
    const json = JSON.stringify(client);
    expect(JSON.parse(json)).toEqual({ baseUrl: server.baseUrl, appId: 'app-1' });
    expect(leaks(json)).toBe(false);
    expect(leaks(inspect(client, { depth: 10, showHidden: true }))).toBe(false);
    expect(leaks(String(client))).toBe(false);
  });

  it('is absent from every error, even when Dots echoes it back, and from every log line', async () => {
    const { client, lines } = setup();
    const errors: unknown[] = [];
    // An upstream that echoes the Authorization header and the key.
    server.replies({
      status: 401,
      json: {
        error: 'invalid-input',
        message: `bad key ${API_KEY} / ${TOKEN}`,
        echo: { authorization: `Basic ${TOKEN}` },
      },
    });
    errors.push(await client.flows.retrieve(ID).catch((e: unknown) => e));
    server.replies({ status: 500, text: `oops ${API_KEY}` });
    errors.push(await client.flows.retrieve(ID).catch((e: unknown) => e));
    server.replies({ hang: true });
    errors.push(await client.flows.retrieve(ID, { timeoutMs: 30 }).catch((e: unknown) => e));
    server.replies({ destroy: true });
    errors.push(await client.flows.retrieve(ID).catch((e: unknown) => e));
    server.replies({ json: { id: 42, echo: API_KEY } }); // schema mismatch -> warning
    await client.flows.retrieve(ID);

    for (const e of errors) expect(e).toBeInstanceOf(DotsError);
    expect(errors.map((e) => (e as DotsError).code)).toEqual([
      'dots_error',
      'dots_error',
      'timeout',
      'network_error',
    ]);
    for (const e of errors) {
      const err = e as Error;
      expect(leaks(err.message)).toBe(false);
      expect(leaks(String(err.stack))).toBe(false);
      expect(leaks(JSON.stringify(err))).toBe(false);
      expect(leaks(inspect(err, { depth: 10 }))).toBe(false);
    }
    expect((errors[0] as DotsError).message).toContain('[redacted]');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(leaks(line)).toBe(false);
  });

  it('is not echoed by configuration errors', () => {
    expect(() =>
      createDotsClient({ clientId: `a:${API_KEY}`, apiKey: API_KEY, environment: 'sandbox' }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining(API_KEY) }));
    expect(() =>
      createDotsClient({ clientId: CLIENT_ID, apiKey: `${API_KEY}€`, environment: 'sandbox' }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining(API_KEY) }));
  });
});
