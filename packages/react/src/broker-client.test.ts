import { describe, expect, it, vi } from 'vitest';
import { createBrokerClient } from './broker-client';
import { DotsError } from './errors';
import { createFakeBroker } from './testing';

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
    const err = await client.get('/transfers/x').catch((e) => e);
    expect(err).toBeInstanceOf(DotsError);
    expect(err).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(fb.requests).toHaveLength(2);
  });

  it('maps broker errors and network failures to DotsError', async () => {
    const fb = createFakeBroker();
    const client = createBrokerClient(() => fb.config);
    const bad = await client.post('/flows', { steps: [] }).catch((e) => e);
    expect(bad).toMatchObject({ name: 'DotsError', code: 'invalid_input', status: 400 });
    const offline = createBrokerClient(() => ({
      url: 'https://x.test',
      getToken: () => 't',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    }));
    expect(await offline.get('/flows/1').catch((e) => e)).toMatchObject({
      code: 'network_error',
      message: 'Failed to fetch',
    });
    const html = createBrokerClient(() => ({
      url: 'https://x.test',
      getToken: () => 't',
      fetch: async () => new Response('<html>', { status: 502 }),
    }));
    expect(await html.get('/flows/1').catch((e) => e)).toMatchObject({
      code: 'bad_response',
      status: 502,
    });
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
