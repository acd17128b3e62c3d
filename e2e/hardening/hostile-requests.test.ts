// One of three files of fast-check properties against a broker child process (SQLite) in
// front of the sandbox (lib/fuzz.ts): any 5xx, a status outside the expected set or a dead
// process fails the property with its shrunk counterexample.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fuzzStackPerFile, RUNS } from './lib/fuzz';
import { weirdString } from './lib/fuzz-arbitraries';
import { bearer, request } from './lib/http';
import { badTokens, tokenFor } from './lib/jwt';

const stack = fuzzStackPerFile('ids, credentials and headers');
const token = () => bearer(tokenFor('fuzz-user'));

describe('hostile ids, credentials and headers never get a 5xx or kill the broker', () => {
  it('GET /:kind/:id with random ids: 400 or 404', async () => {
    const kinds = fc.constantFrom('/flows', '/payout-links', '/transfers', '/payout-batches');
    await stack.fuzz(
      'GET /{flows,payout-links,transfers,payout-batches}/:id',
      'random ids (unicode, traversal, huge)',
      fc.tuple(kinds, fc.oneof(weirdString, fc.uuid(), fc.constant('a'.repeat(5000)))),
      ([k, id]) =>
        request('GET', `${stack.url}${k}/${encodeURIComponent(id) || '%20'}`, {
          headers: token(),
        }),
      (s) => s === 400 || s === 404,
    );
  });

  it('every authenticated endpoint: bad JWTs get 401', async () => {
    const endpoints = [
      ['POST', '/flows'],
      ['POST', '/payout-links'],
      ['GET', `/flows/${stack.flowId}`],
      ['GET', `/payout-links/${stack.linkId}`],
      ['GET', '/transfers/00000000-0000-4000-8000-000000000000'],
      ['GET', '/payout-batches/00000000-0000-4000-8000-000000000000'],
      ['GET', '/events'],
    ] as const;
    const tokens = badTokens('fuzz-owner');
    const headerArb = fc.oneof(
      fc.constantFrom(...tokens).map((t) => `Bearer ${t.token}`),
      fc.string({ maxLength: 80 }).map((s) => `Bearer ${s}`),
      fc.string({ maxLength: 80 }),
      fc.constantFrom('Basic Zm9vOmJhcg==', 'Bearer', 'bearer  ', `Token ${tokenFor('x')}`),
    );
    await stack.fuzz(
      'all authenticated endpoints',
      `bad JWTs (${tokens.map((t) => t.name).join(', ')}) and junk headers`,
      fc.tuple(fc.constantFrom(...endpoints), headerArb),
      ([[method, path], auth]) =>
        request(method, `${stack.url}${path}`, {
          headers: { authorization: auth.replace(/[\r\n]/g, '') },
          ...(method === 'POST' ? { body: { steps: ['compliance'], amount: 100 } } : {}),
          timeoutMs: 5_000,
        }),
      (s) => s === 401,
    );
  });

  it('GET /events: random Last-Event-ID values', async () => {
    await stack.fuzz(
      'GET /events',
      'random Last-Event-ID',
      fc.oneof(weirdString, fc.integer().map(String), fc.constant('9'.repeat(40))),
      async (id) => {
        const controller = new AbortController();
        const res = await fetch(`${stack.url}/events`, {
          headers: {
            ...token(),
            'last-event-id': [...id].filter((c) => c >= ' ' && c <= '~').join(''),
          },
          signal: controller.signal,
        });
        controller.abort();
        return { status: res.status };
      },
      (s) => s === 200,
      Math.max(30, Math.floor(RUNS / 3)),
    );
  });

  it('hostile proxy and origin headers: 400 past the origin check or 403, never 5xx', async () => {
    const printable = (text: string) => [...text].filter((c) => c >= ' ' && c <= '~').join('');
    const value = fc.oneof(
      weirdString.map(printable),
      fc.constantFrom(
        '<script>alert(1)</script>',
        'localhost:3000',
        'localhost:3000/@evil.example',
        'javascript',
        'for=1.2.3.4;host="shop.test";proto=https',
        'host=;proto=',
        '1.2.3.4, <x>, 999.1.1.1',
        'same-origin',
        'null',
      ),
    );
    const headers = fc.record(
      {
        origin: fc.oneof(value, fc.constantFrom('http://localhost:3000', 'https://shop.test')),
        'x-forwarded-for': value,
        'x-forwarded-host': value,
        'x-forwarded-proto': value,
        forwarded: value,
        'sec-fetch-site': value,
      },
      { requiredKeys: ['origin'] },
    );
    await stack.fuzz(
      'POST /flows (invalid body)',
      'Origin, X-Forwarded-*, Forwarded, Sec-Fetch-Site junk',
      headers,
      (h) =>
        request('POST', `${stack.url}/flows`, {
          headers: { ...token(), ...(h as Record<string, string>) },
          body: {},
          timeoutMs: 5_000,
        }),
      (s) => s === 400 || s === 403,
    );
  });
});
