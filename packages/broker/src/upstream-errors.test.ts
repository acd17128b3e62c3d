import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from './store/memory-store';
import { JWT_SECRET, type RunningBroker, startBroker, token } from './test-support/helpers';

/** A Dots stand-in that answers every call with `status` and, when given, `Retry-After`. */
const dotsAnswering = (status: number, retryAfter?: string): typeof fetch =>
  (async () =>
    new Response(JSON.stringify({ error: 'busy', message: 'Slow down' }), {
      status,
      headers: {
        'content-type': 'application/json',
        ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
      },
    })) as typeof fetch;

const brokers: RunningBroker[] = [];
afterAll(() => Promise.all(brokers.map((b) => b.close())));

const brokerInFrontOf = async (transport: typeof fetch) => {
  const b = await startBroker({
    dots: {
      clientId: 'client',
      apiKey: 'key_never_sent_anywhere',
      environment: { baseUrl: 'http://127.0.0.1:9/api' },
      fetch: transport,
      maxRetries: 0,
    },
    auth: { jwtSecret: JWT_SECRET },
    store: createMemoryStore(),
    rateLimit: false,
  });
  brokers.push(b);
  return b;
};

let auth: string;
beforeAll(async () => {
  auth = `Bearer ${await token('retry-user')}`;
});

const createFlow = (b: RunningBroker) =>
  request(b.url)
    .post('/flows')
    .set('authorization', auth)
    .send({ steps: ['compliance'] });

describe("Dots' Retry-After reaches the browser", () => {
  it.each([
    [429, '7', '7'],
    [503, '120', '120'],
    [503, '0.2', '1'],
    [429, '86400', '3600'],
  ])('Dots %d with Retry-After %s → 503 with Retry-After %s', async (status, given, passed) => {
    const res = await createFlow(await brokerInFrontOf(dotsAnswering(status, given)));
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({
      code: 'upstream_unavailable',
      details: { upstream_status: status },
    });
    expect(res.headers['retry-after']).toBe(passed);
  });

  it('an HTTP-date Retry-After becomes seconds', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const res = await createFlow(await brokerInFrontOf(dotsAnswering(503, at)));
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(28);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(31);
  });

  it('no Retry-After from Dots, none invented', async () => {
    const res = await createFlow(await brokerInFrontOf(dotsAnswering(503)));
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeUndefined();
  });
});
