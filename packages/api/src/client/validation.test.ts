import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DotsResponseValidationError } from '../errors';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { createDotsClient } from './create-client';

const ID = 'b3293101-35ef-451a-aad4-881da3697c2f';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  // `status` is not a transfer status: a schema mismatch.
  server.replies({ json: { id: ID, status: 'exploded', amount: 5 } });
});

describe('response validation', () => {
  it('strict (default) throws DotsResponseValidationError with the zod issues', async () => {
    const client = createDotsClient({
      clientId: 'c',
      apiKey: 'k',
      environment: { baseUrl: server.baseUrl },
    });
    const err = (await client.transfers
      .retrieve(ID)
      .catch((e: unknown) => e)) as DotsResponseValidationError;
    expect(err).toBeInstanceOf(DotsResponseValidationError);
    expect(err.issues[0]?.path).toEqual(['status']);
    expect(err).toMatchObject({ method: 'GET', path: `/v2/transfers/${ID}` });
    expect(err.message).toContain('status');
  });

  it('strict: false returns the body as received and warns through onWarning', async () => {
    const warnings: string[] = [];
    const client = createDotsClient({
      clientId: 'c',
      apiKey: 'k',
      environment: { baseUrl: server.baseUrl },
      strict: false,
      onWarning: (m) => warnings.push(m),
    });
    const t = await client.transfers.retrieve(ID);
    expect(t).toEqual({ id: ID, status: 'exploded', amount: 5 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[dotskit\] Response of GET \/v2\/transfers\/.* status/);
  });

  it('strict: false without onWarning uses console.warn', async () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const client = createDotsClient({
        clientId: 'c',
        apiKey: 'k',
        environment: { baseUrl: server.baseUrl },
        strict: false,
      });
      await client.transfers.retrieve(ID);
      expect(spy).toHaveBeenCalledWith(expect.stringMatching(/^\[dotskit\] /));
    } finally {
      spy.mockRestore();
    }
  });

  it('a valid response is parsed (numeric strings become numbers, unknown fields kept)', async () => {
    server.replies({ json: { id: ID, status: 'completed', amount: '-1000', extra: 1 } });
    const client = createDotsClient({
      clientId: 'c',
      apiKey: 'k',
      environment: { baseUrl: server.baseUrl },
    });
    expect(await client.transfers.retrieve(ID)).toEqual({
      id: ID,
      status: 'completed',
      amount: -1000,
      extra: 1,
    });
  });
});
