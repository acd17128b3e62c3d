import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DotsError } from '../errors';
import { resourceFor } from '../test-support/resources';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { createDotsClient } from './create-client';

const ID = 'b3293101-35ef-451a-aad4-881da3697c2f';
// `status` is not a transfer status: a schema mismatch.
const exploded = { ...resourceFor('/v2/transfers', ID), status: 'exploded' };
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.replies({ json: exploded });
});

describe('response validation', () => {
  it('strict (default) throws an invalid_response DotsError with the zod issues', async () => {
    const client = createDotsClient({
      clientId: 'c',
      apiKey: 'k',
      environment: { baseUrl: server.baseUrl },
    });
    const err = (await client.transfers.retrieve(ID).catch((e: unknown) => e)) as DotsError;
    expect(err).toBeInstanceOf(DotsError);
    expect(err.code).toBe('invalid_response');
    expect(err.details.issues?.[0]?.path).toEqual(['status']);
    expect(err.details).toMatchObject({ method: 'GET', path: `/v2/transfers/${ID}` });
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
    expect(t).toEqual(exploded);
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
    const sent = { ...resourceFor('/v2/transfers', ID), amount: '-1000', extra: 1 };
    server.replies({ json: sent });
    const client = createDotsClient({
      clientId: 'c',
      apiKey: 'k',
      environment: { baseUrl: server.baseUrl },
    });
    expect(await client.transfers.retrieve(ID)).toEqual({ ...sent, amount: -1000 });
  });

  it('a response without a field Dots always sends is a mismatch (flow without link)', async () => {
    const { link: _link, ...flow } = resourceFor('/v2/flows', ID);
    server.replies({ json: flow });
    const client = createDotsClient({
      clientId: 'c',
      apiKey: 'k',
      environment: { baseUrl: server.baseUrl },
    });
    const err = await client.flows.retrieve(ID).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid_response' });
    expect((err as DotsError).details.issues?.map((i) => i.path)).toEqual([['link']]);
  });
});
