// One of three files of fast-check properties against a broker child process (SQLite) in
// front of the sandbox (lib/fuzz.ts): any 5xx, a status outside the expected set or a dead
// process fails the property with its shrunk counterexample.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzStackPerFile, RUNS } from './lib/fuzz';
import { bodyArb, flowFields, linkFields, pollutingText } from './lib/fuzz-arbitraries';
import { bearer, request } from './lib/http';
import { tokenFor } from './lib/jwt';

const stack = fuzzStackPerFile('request bodies');
const token = () => bearer(tokenFor('fuzz-user'));
const post = (path: string, raw: string, headers: Record<string, string> = {}) =>
  request('POST', `${stack.url}${path}`, {
    raw,
    headers: { 'content-type': 'application/json', ...token(), ...headers },
  });
const created = (s: number) => s === 201;
const rejected = (s: number) => s === 400;

describe('hostile request bodies never get a 5xx or kill the broker', () => {
  for (const [path, fields] of [
    ['/flows', flowFields],
    ['/payout-links', linkFields],
  ] as const) {
    it(`POST ${path}: random objects from its own fields, hostile keys and wrong types`, async () => {
      await stack.fuzz(
        `POST ${path}`,
        'random objects, wrong types',
        bodyArb(fields),
        (b) => post(path, JSON.stringify(b)),
        (s) => created(s) || rejected(s) || s === 403 || s === 409,
      );
    });
    it(`POST ${path}: any JSON value, invalid JSON, unicode text`, async () => {
      await stack.fuzz(
        `POST ${path}`,
        'any JSON / not JSON',
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string({ unit: 'grapheme', maxLength: 200 }),
        ),
        (raw) => post(path, raw),
        (s) => rejected(s),
      );
    });
    it(`POST ${path}: prototype-pollution keys`, async () => {
      await stack.fuzz(
        `POST ${path}`,
        '__proto__ / constructor',
        pollutingText,
        (raw) => post(path, raw),
        (s) => created(s) || rejected(s),
      );
      // Nothing leaked into the broker's objects: ownership still holds for everyone else.
      const other = await request('GET', `${stack.url}/flows/${stack.flowId}`, {
        headers: bearer(tokenFor('fuzz-other')),
      });
      expect(other.status).toBe(404);
    });
    it(`POST ${path}: huge, deep and mistyped bodies`, async () => {
      const cases = fc.oneof(
        fc.integer({ min: 33, max: 400 }).map((kb) => ({
          raw: JSON.stringify({ memo: 'x'.repeat(kb * 1024) }),
          ct: 'application/json',
          want: [413],
        })),
        fc.integer({ min: 10, max: 6000 }).map((d) => ({
          raw: `${'['.repeat(d)}${']'.repeat(d)}`,
          ct: 'application/json',
          want: [400, 413],
        })),
        fc.integer({ min: 10, max: 3000 }).map((d) => ({
          raw: `{"metadata":${'{"a":'.repeat(d)}1${'}'.repeat(d)},"steps":["compliance"],"amount":1}`,
          ct: 'application/json',
          want: [400, 413],
        })),
        fc
          .constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data',
            'application/xml',
            '',
          )
          .map((ct) => ({ raw: '{"steps":["compliance"],"amount":100}', ct, want: [415] })),
      );
      await stack.fuzz(
        `POST ${path}`,
        'huge / deep / wrong content type',
        cases,
        (c) => post(path, c.raw, { 'content-type': c.ct }),
        (s, c) => c.want.includes(s),
        Math.max(30, Math.floor(RUNS / 3)),
      );
    });
    it(`POST ${path}: a Content-Encoding the body does not match`, async () => {
      await stack.fuzz(
        `POST ${path}`,
        'Content-Encoding gzip/deflate/br/unknown over plain bytes',
        fc.tuple(
          fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown'),
          fc.string({ maxLength: 60 }),
        ),
        ([enc, raw]) => post(path, raw, { 'content-encoding': enc }),
        (s) => s === 400 || s === 415,
        20,
      );
    });
  }
});
