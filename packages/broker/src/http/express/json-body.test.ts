import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express, { type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerError, createErrorMiddleware } from '../../errors';
import { captureLogger } from '../../test-support/helpers';
import { jsonBody } from './guards';
import { fastJson } from './json-body';

const LIMIT = 1024;

/** What body-parser alone answers (the broker's reading before `fastJson`). */
const bodyParserOnly: RequestHandler[] = [
  (req, _res, next) =>
    next(
      req.is('application/json')
        ? undefined
        : new BrokerError({
            code: 'unsupported_media_type',
            message: 'Send the body as JSON with `Content-Type: application/json`.',
          }),
    ),
  express.json({ limit: LIMIT, strict: true, type: () => true }),
];

/** An app echoing the parsed body behind `reading`, with the broker's error answers. */
async function serve(reading: RequestHandler[]) {
  const app = express();
  app.post('/', ...reading, (req, res) => {
    res.json({ body: req.body === undefined ? 'undefined' : req.body });
  });
  app.use(createErrorMiddleware(captureLogger('fatal')));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** One raw request: exact headers and bytes, so no client adds or fixes anything. */
function send(port: number, headers: Record<string, string>, body: Buffer) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/', headers });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const json = { 'content-type': 'application/json' };
/** Requests the two readers must answer byte for byte alike. */
const cases: [string, Record<string, string>, Buffer][] = [
  ['an object', json, utf8('{"steps":["compliance"],"n":1.5e3}')],
  ['an array', json, utf8('[1,2]')],
  ['leading JSON whitespace', json, utf8(' \t\r\n{"a":1}')],
  ['a byte order mark', json, utf8('\uFEFF{"a":1}')],
  ['null', json, utf8('null')],
  ['a string', json, utf8('"x"')],
  ['a number', json, utf8('12')],
  ['a form feed before the object', json, utf8('\f{"a":1}')],
  ['broken JSON', json, utf8('{"steps":')],
  ['trailing garbage', json, utf8('{"a":1} x')],
  [
    'invalid UTF-8 in a string',
    json,
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xc3, 0x22, 0x7d]),
  ],
  ['a __proto__ key', json, utf8('{"__proto__":{"polluted":1},"a":1}')],
  ['charset=utf-8', { 'content-type': 'application/json; charset=utf-8' }, utf8('{"a":"é"}')],
  ['charset="UTF-8"', { 'content-type': 'application/json;charset="UTF-8"' }, utf8('{"a":1}')],
  ['charset=latin1', { 'content-type': 'application/json; charset=latin1' }, utf8('{"a":1}')],
  [
    'charset=utf-16le',
    { 'content-type': 'application/json; charset=utf-16le' },
    Buffer.from('{"a":1}', 'utf16le'),
  ],
  ['text/plain', { 'content-type': 'text/plain' }, utf8('{"a":1}')],
  ['no content type', {}, utf8('{"a":1}')],
  ['an empty body', json, Buffer.alloc(0)],
  ['exactly the limit', json, utf8(`{"a":"${'x'.repeat(LIMIT - 8)}"}`)],
  ['one byte over the limit', json, utf8(`{"a":"${'x'.repeat(LIMIT - 7)}"}`)],
  ['gzip', { ...json, 'content-encoding': 'gzip' }, gzipSync('{"a":1}')],
  ['gzip over plain bytes', { ...json, 'content-encoding': 'gzip' }, utf8('{"a":1}')],
  ['an unknown encoding', { ...json, 'content-encoding': 'x-unknown' }, utf8('{"a":1}')],
  ['a no-break space after the type', { 'content-type': 'application/json\u00a0' }, utf8('{}')],
  [
    'a space before the parameter',
    { 'content-type': 'application/json ; charset=utf-8' },
    utf8('{}'),
  ],
  ['an upper-case type', { 'content-type': 'APPLICATION/JSON' }, utf8('{"a":1}')],
  ['an unbalanced quote', { 'content-type': 'application/json; charset="utf-8' }, utf8('{}')],
  ['an empty parameter', { 'content-type': 'application/json;' }, utf8('{"a":1}')],
  ['application/vnd.api+json', { 'content-type': 'application/vnd.api+json' }, utf8('{}')],
  ['a Content-Length with a leading zero', { ...json, 'content-length': '07' }, utf8('{"a":1}')],
  ['a lone byte order mark', json, utf8('\uFEFF')],
  ['two byte order marks', json, utf8('\uFEFF\uFEFF{}')],
  ['whitespace only', json, utf8(' \n ')],
  ['deep nesting', json, utf8(`${'['.repeat(500)}${']'.repeat(500)}`)],
  ['a number past double range', json, utf8('{"a":1e400,"b":123456789012345678901234567890}')],
  ['chunked', { ...json, 'transfer-encoding': 'chunked' }, utf8('{"a":1}')],
];

/** `headers` with the body's Content-Length unless they frame the body themselves. */
const framed = (headers: Record<string, string>, body: Buffer) =>
  headers['transfer-encoding'] || headers['content-length']
    ? headers
    : { ...headers, 'content-length': String(body.length) };

describe('jsonBody: fastJson answers as body-parser does', () => {
  let fast: Awaited<ReturnType<typeof serve>>;
  let slow: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    fast = await serve(jsonBody(LIMIT));
    slow = await serve(bodyParserOnly);
  });
  afterAll(() => {
    fast.server.close();
    slow.server.close();
  });

  it.each(cases)('%s', async (_name, headers, body) => {
    const sized = framed(headers, body);
    const a = await send(fast.port, sized, body);
    const b = await send(slow.port, sized, body);
    expect(a).toEqual(b);
  });

  it('survives a client that leaves mid-body, and serves the next request', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request({
        port: fast.port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/',
        headers: { ...json, 'content-length': '100' },
      });
      req.on('error', () => resolve());
      req.write('{"a":', () => setImmediate(() => req.destroy()));
      req.on('close', () => resolve());
    });
    const after = await send(fast.port, { ...json, 'content-length': '7' }, utf8('{"a":1}'));
    expect(after).toEqual({ status: 200, text: '{"body":{"a":1}}' });
  });

  it('answers the common bodies itself and leaves the others to body-parser', async () => {
    const fellBack: string[] = [];
    const app = express();
    app.post(
      '/',
      fastJson(LIMIT, (req, res, next) => {
        fellBack.push(String(req.headers['x-case']));
        express.json({ limit: LIMIT })(req, res, next);
      }),
      (req, res) => void res.json(req.body),
    );
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      for (const [name, headers, body] of cases) {
        const sized = framed(headers, body);
        await send(port, { ...sized, 'x-case': name }, body);
      }
    } finally {
      server.close();
    }
    expect(fellBack).toEqual([
      'charset=latin1',
      'charset=utf-16le',
      'text/plain',
      'no content type',
      'an empty body',
      'one byte over the limit',
      'gzip',
      'gzip over plain bytes',
      'an unknown encoding',
      'a no-break space after the type',
      'an empty parameter',
      'application/vnd.api+json',
      'chunked',
    ]);
  });
});
