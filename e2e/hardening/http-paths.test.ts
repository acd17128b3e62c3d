// fast-check properties over raw request paths against a broker child process (lib/fuzz.ts):
// the broker matches its routes itself (one middleware over the route table, a path gate for
// CORS and the per-IP limit), so spellings Express would normalise (case, trailing or double
// slashes, dot segments, encoded slashes, `;` parameters) must never reach a handler without
// an identity, nor reach another user's resource, nor end in a 5xx.
import http from 'node:http';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fuzzStackPerFile } from './lib/fuzz';
import { tokenFor } from './lib/jwt';

const stack = fuzzStackPerFile('raw request paths');

/** The broker's resource paths, spelled as the route table has them or not. */
const RESOURCES = [
  'flows',
  'FLOWS',
  '%66lows',
  'payout-links',
  'transfers',
  'payout-batches',
  'wallet',
  'events',
] as const;

/** Path segments: the broker's own, their case and encoding variants, and traversal forms. */
const segment = fc.constantFrom(
  ...RESOURCES,
  'Flows',
  'EVENTS',
  'webhooks',
  '',
  '.',
  '..',
  '%2e%2e',
  '%2E',
  '%2f',
  '..%2f',
  '%5c',
  ';x',
  'x;y',
  '%00',
  '%ZZ',
  '%',
  '~',
  '*',
  '$FLOW',
  '$LINK',
  '$FLOW;x',
  '$FLOW%2f',
  '$FLOW?x=1',
);

const resource = fc.constantFrom(...RESOURCES);
/** An id segment: the owner's ids, as they are or dressed up, or a traversal form. */
const idSegment = fc.constantFrom(
  '$FLOW',
  '$LINK',
  '$FLOW;x',
  '$FLOW%2f',
  '$FLOW%2f..',
  '..%2f$FLOW',
  '%2e%2e',
  '',
  '$FLOW/',
  '$FLOW?x=1',
  '$FLOW%00',
);

const fill = (path: string) =>
  path.replaceAll('$FLOW', stack.flowId).replaceAll('$LINK', stack.linkId);

/** A raw path (sent byte for byte: no URL parser normalises it on the way). */
const rawPath = fc.oneof(
  // Near the routes (3 in 4): a resource and maybe an id, one slash or two in front.
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom('/', '/', '//'), resource, fc.option(idSegment, { nil: undefined }))
      .map(([lead, r, id]) => fill(`${lead}${r}${id === undefined ? '' : `/${id}`}`)),
  },
  // Anywhere: 1-4 segments of every kind.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.boolean(), fc.array(segment, { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([double, parts, slash]) =>
        fill(`${double ? '//' : '/'}${parts.join('/')}${slash ? '/' : ''}`),
      ),
  },
);

const methods = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS');

/** One request with `path` exactly as given; an event stream is closed once its head arrives. */
function send(method: string, path: string, headers: Record<string, string>) {
  const { hostname, port } = new URL(stack.url);
  return new Promise<{ status: number | string; body?: unknown }>((resolve) => {
    const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? '{}' : undefined;
    const req = http.request(
      {
        host: hostname,
        port,
        method,
        path,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        timeout: 5_000,
      },
      (res) => {
        if (String(res.headers['content-type']).startsWith('text/event-stream')) {
          res.destroy();
          return resolve({ status: res.statusCode ?? 0, body: 'event-stream' });
        }
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ status: e.code ?? 'ERR' }));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: e.code ?? 'ERR' }));
    req.end(body);
  });
}

describe('raw request paths never get past the gate without an identity', () => {
  it('no Authorization: no 2xx but a preflight answer, no 5xx', async () => {
    await stack.fuzz(
      'any method, raw path',
      'case, slashes, dot segments, encoded slashes, `;`, ids; no Authorization',
      fc.tuple(methods, rawPath),
      ([method, path]) => send(method, path, {}),
      (status, [method]) => status < 200 || status >= 300 || method === 'OPTIONS',
    );
  });

  it("another user's token: never a 2xx that names the owner's flow or link", async () => {
    const intruder = { authorization: `Bearer ${tokenFor('fuzz-intruder')}` };
    await stack.fuzz(
      'GET/HEAD, raw path with the owner ids',
      "fuzz-intruder's token on spellings of fuzz-owner's resources",
      fc.tuple(fc.constantFrom('GET', 'HEAD'), rawPath),
      async ([method, path]) => {
        const res = await send(method, path, intruder);
        // A 2xx naming the ids is a leak (the host's 404 page echoes the path: not one).
        const ok = typeof res.status === 'number' && res.status >= 200 && res.status < 300;
        const leaked =
          ok &&
          typeof res.body === 'string' &&
          (res.body.includes(stack.flowId) || res.body.includes(stack.linkId));
        return leaked ? { ...res, status: 299 } : res;
      },
      (status) => status !== 299,
    );
  });
});
