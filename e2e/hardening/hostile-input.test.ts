import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signWebhook } from '@dotskit/sandbox';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrokerProcess, startBrokerProcess } from './lib/broker-process';
import { WEBHOOK_SECRET } from './lib/constants';
import { bearer, request } from './lib/http';
import { badTokens, tokenFor } from './lib/jwt';
import { type SandboxHandle, startSandboxHandle } from './lib/sandbox';
import { printTable } from './lib/table';

// Every case is one real HTTP request to a broker child process (SQLite store) in front of
// the sandbox. A property fails on any 5xx, on a status outside the expected set, or when
// the process is gone. RUNS scales the case count (HARDENING_FUZZ_RUNS, default 150).
const RUNS = Number(process.env.HARDENING_FUZZ_RUNS ?? 150);

let sandbox: SandboxHandle;
let broker: BrokerProcess;
let flowId: string;
let linkId: string;

interface Row {
  target: string;
  property: string;
  cases: number;
  statuses: Map<string, number>;
  fiveXx: number;
}
const rows: Row[] = [];

beforeAll(async () => {
  sandbox = await startSandboxHandle();
  const dir = mkdtempSync(join(tmpdir(), 'dotskit-hardening-'));
  broker = await startBrokerProcess({
    sandboxUrl: sandbox.url,
    databaseUrl: `sqlite:${join(dir, 'broker.db')}`,
    noRateLimit: true,
  });
  const owner = bearer(tokenFor('fuzz-owner'));
  const flow = await request('POST', `${broker.url}/flows`, {
    headers: owner,
    body: { steps: ['compliance'] },
  });
  const link = await request('POST', `${broker.url}/payout-links`, {
    headers: owner,
    body: { amount: 100 },
  });
  flowId = String((flow.body as { id: string }).id);
  linkId = String((link.body as { id: string }).id);
});

afterAll(async () => {
  const alive = broker?.alive();
  await broker?.stop();
  await sandbox?.close();
  const total = rows.reduce((n, r) => n + r.cases, 0);
  printTable(
    `Hostile input (issue 8 part 2): ${total} cases, broker process ${alive ? 'alive throughout' : 'DIED'}`,
    rows.map((r) => ({
      target: r.target,
      property: r.property,
      cases: r.cases,
      'statuses seen': [...r.statuses]
        .sort()
        .map(([s, n]) => `${s}×${n}`)
        .join(', '),
      '5xx': r.fiveXx,
    })),
    'hostile-input',
  );
});

/**
 * Runs `property` as a fast-check async property whose body returns the status; records
 * statuses; fails (with fast-check's shrunk counterexample) when the status is a 5xx or
 * not in `allowed`, or when the broker process is gone.
 */
async function fuzz<T>(
  target: string,
  property: string,
  arb: fc.Arbitrary<T>,
  send: (value: T) => Promise<{ status: number | string; body?: unknown }>,
  allowed: (status: number, value: T) => boolean,
  numRuns = RUNS,
): Promise<void> {
  const row: Row = { target, property, cases: 0, statuses: new Map(), fiveXx: 0 };
  rows.push(row);
  await fc.assert(
    fc.asyncProperty(arb, async (value) => {
      row.cases++;
      const res = await send(value);
      const key = String(res.status);
      row.statuses.set(key, (row.statuses.get(key) ?? 0) + 1);
      if (typeof res.status === 'number' && res.status >= 500) row.fiveXx++;
      if (!broker.alive()) throw new Error(`broker process died: ${broker.stderr().slice(-800)}`);
      if (typeof res.status !== 'number') throw new Error(`network error ${res.status}`);
      if (res.status >= 500 || !allowed(res.status, value))
        throw new Error(
          `${target}: status ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`,
        );
    }),
    { numRuns, endOnFailure: true },
  );
}

const token = () => bearer(tokenFor('fuzz-user'));
const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
);
const flowFields = fc.constantFrom(
  'steps',
  'metadata',
  'idempotency_key',
  'user_id',
  'require_auth',
  'hide_go_to_dashboard_on_complete',
);
const linkFields = fc.constantFrom(
  'amount',
  'memo',
  'payee',
  'delivery',
  'metadata',
  'tax_exempt',
  'additional_steps',
  'idempotency_key',
  'user_id',
  'funding_source',
);
const weirdString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uFEFF',
    '😀'.repeat(50),
    'a'.repeat(300),
    'compliance',
    'payout',
    '../../etc',
    '%00',
  ),
);
const anyValue = fc.oneof(
  { maxDepth: 3 },
  fc.jsonValue({ maxDepth: 3 }),
  weirdString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -0, 2 ** 53, -(2 ** 53), 0.1, 100, -100),
);
/** Objects built from the endpoint's own field names, hostile keys and random keys, with values of any type. */
const bodyArb = (fields: fc.Arbitrary<string>) =>
  fc.dictionary(fc.oneof(fields, hostileKey, fc.string({ maxLength: 12 })), anyValue, {
    maxKeys: 6,
  });

/** JSON text with `__proto__`/`constructor` as own keys (JSON.stringify cannot write them). */
const pollutingText = fc
  .tuple(
    fc.constantFrom('__proto__', 'constructor', 'prototype'),
    fc.jsonValue({ maxDepth: 2 }),
    fc.boolean(),
  )
  .map(([k, v, nested]) =>
    nested
      ? `{"steps":["compliance"],"metadata":{"${k}":{"polluted":${JSON.stringify(v)}}}}`
      : `{"${k}":{"polluted":${JSON.stringify(v)}},"amount":100,"steps":["compliance"]}`,
  );

const post = (path: string, raw: string, headers: Record<string, string> = {}) =>
  request('POST', `${broker.url}${path}`, {
    raw,
    headers: { 'content-type': 'application/json', ...token(), ...headers },
  });
const created = (s: number) => s === 201;
const rejected = (s: number) => s === 400;

describe('hostile input never gets a 5xx or kills the broker', () => {
  for (const [path, fields] of [
    ['/flows', flowFields],
    ['/payout-links', linkFields],
  ] as const) {
    it(`POST ${path}: random objects from its own fields, hostile keys and wrong types`, async () => {
      await fuzz(
        `POST ${path}`,
        'random objects, wrong types',
        bodyArb(fields),
        (b) => post(path, JSON.stringify(b)),
        (s) => created(s) || rejected(s) || s === 403 || s === 409,
      );
    });
    it(`POST ${path}: any JSON value, invalid JSON, unicode text`, async () => {
      await fuzz(
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
      await fuzz(
        `POST ${path}`,
        '__proto__ / constructor',
        pollutingText,
        (raw) => post(path, raw),
        (s) => created(s) || rejected(s),
      );
      // Nothing leaked into the broker's objects: ownership still holds for everyone else.
      const other = await request('GET', `${broker.url}/flows/${flowId}`, {
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
      await fuzz(
        `POST ${path}`,
        'huge / deep / wrong content type',
        cases,
        (c) => post(path, c.raw, { 'content-type': c.ct }),
        (s, c) => c.want.includes(s),
        Math.max(30, Math.floor(RUNS / 3)),
      );
    });
    it(`POST ${path}: a Content-Encoding the body does not match`, async () => {
      await fuzz(
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

  it('GET /:kind/:id with random ids: 400 or 404', async () => {
    const kinds = fc.constantFrom('/flows', '/payout-links', '/transfers', '/payout-batches');
    await fuzz(
      'GET /{flows,payout-links,transfers,payout-batches}/:id',
      'random ids (unicode, traversal, huge)',
      fc.tuple(kinds, fc.oneof(weirdString, fc.uuid(), fc.constant('a'.repeat(5000)))),
      ([k, id]) =>
        request('GET', `${broker.url}${k}/${encodeURIComponent(id) || '%20'}`, {
          headers: token(),
        }),
      (s) => s === 400 || s === 404,
    );
  });

  it('every authenticated endpoint: bad JWTs get 401', async () => {
    const endpoints = [
      ['POST', '/flows'],
      ['POST', '/payout-links'],
      ['GET', `/flows/${flowId}`],
      ['GET', `/payout-links/${linkId}`],
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
    await fuzz(
      'all authenticated endpoints',
      `bad JWTs (${tokens.map((t) => t.name).join(', ')}) and junk headers`,
      fc.tuple(fc.constantFrom(...endpoints), headerArb),
      ([[method, path], auth]) =>
        request(method, `${broker.url}${path}`, {
          headers: { authorization: auth.replace(/[\r\n]/g, '') },
          ...(method === 'POST' ? { body: { steps: ['compliance'], amount: 100 } } : {}),
          timeoutMs: 5_000,
        }),
      (s) => s === 401,
    );
  });

  it('GET /events: random Last-Event-ID values', async () => {
    await fuzz(
      'GET /events',
      'random Last-Event-ID',
      fc.oneof(weirdString, fc.integer().map(String), fc.constant('9'.repeat(40))),
      async (id) => {
        const controller = new AbortController();
        const res = await fetch(`${broker.url}/events`, {
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
    await fuzz(
      'POST /flows (invalid body)',
      'Origin, X-Forwarded-*, Forwarded, Sec-Fetch-Site junk',
      headers,
      (h) =>
        request('POST', `${broker.url}/flows`, {
          headers: { ...token(), ...(h as Record<string, string>) },
          body: {},
          timeoutMs: 5_000,
        }),
      (s) => s === 400 || s === 403,
    );
  });
});

describe('the webhook receiver', () => {
  const send = (raw: string, headers: Record<string, string>) =>
    request('POST', `${broker.url}/webhooks`, {
      raw,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const signed = (
    raw: string,
    id: string,
    ts = Math.floor(Date.now() / 1000),
    secret = WEBHOOK_SECRET,
  ) => ({
    'svix-id': id,
    'svix-timestamp': String(ts),
    'svix-signature': signWebhook(secret, id, ts, raw),
  });
  let n = 0;

  it('random bodies with missing, random or forged signatures: 401', async () => {
    const forgedSecret = `whsec_${Buffer.from('not-the-endpoint-secret-at-all!!').toString('base64')}`;
    await fuzz(
      'POST /webhooks',
      'unsigned / random / forged (wrong secret) signatures',
      fc.tuple(
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.constantFrom('none', 'random', 'forged', 'v0'),
      ),
      ([raw, kind]) => {
        const id = `msg_fuzz_${n++}`;
        if (kind === 'none') return send(raw, {});
        if (kind === 'random')
          return send(raw, {
            'svix-id': id,
            'svix-timestamp': String(Math.floor(Date.now() / 1000)),
            'svix-signature': `v1,${Buffer.from(raw).toString('base64').slice(0, 44)}`,
          });
        if (kind === 'v0')
          return send(raw, {
            ...signed(raw, id),
            'svix-signature': signed(raw, id)['svix-signature'].replace('v1,', 'v0,'),
          });
        return send(raw, signed(raw, id, undefined, forgedSecret));
      },
      (s) => s === 401,
    );
  });

  it('a Content-Encoding the body does not match: 400, 401 or 415', async () => {
    await fuzz(
      'POST /webhooks',
      'Content-Encoding gzip/deflate/br/unknown over plain bytes',
      fc.tuple(fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown'), fc.string({ maxLength: 60 })),
      ([enc, raw]) => send(raw, { ...signed(raw, `msg_enc_${n++}`), 'content-encoding': enc }),
      (s) => s === 400 || s === 401 || s === 415,
      20,
    );
  });

  it('replayed signatures on another body, id or timestamp, and stale timestamps: 401', async () => {
    const body = JSON.stringify({ event: 'flow.updated', flow_id: flowId });
    await fuzz(
      'POST /webhooks',
      'replayed signature (body/id/timestamp changed), stale or future timestamp',
      fc.tuple(fc.constantFrom('body', 'id', 'timestamp', 'stale', 'future'), fc.jsonValue()),
      ([kind, other]) => {
        const id = `msg_replay_${n++}`;
        const ts = Math.floor(Date.now() / 1000);
        const headers = signed(body, id, ts);
        if (kind === 'body') return send(JSON.stringify({ tampered: other }), headers);
        if (kind === 'id') return send(body, { ...headers, 'svix-id': `${id}_other` });
        if (kind === 'timestamp')
          return send(body, { ...headers, 'svix-timestamp': String(ts + 1) });
        const at = kind === 'stale' ? ts - 600 : ts + 600;
        return send(body, signed(body, id, at));
      },
      (s) => s === 401,
    );
  });

  it('correctly signed hostile payloads: 200 or 400, duplicates acknowledged once', async () => {
    await fuzz(
      'POST /webhooks',
      'validly signed random / polluting / huge payloads, each sent twice',
      fc.oneof(
        fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
        bodyArb(
          fc.constantFrom(
            'event',
            'type',
            'flow_id',
            'payout_link_id',
            'transfer_id',
            'id',
            'transfer',
          ),
        ).map((b) => JSON.stringify(b)),
        fc.constantFrom('flow.updated', 'payout_link.updated', 'transfer.completed').map((e) =>
          JSON.stringify({
            event: e,
            flow_id: flowId,
            payout_link_id: linkId,
            transfer_id: 'x',
            transfer: { id: 42 },
          }),
        ),
        pollutingText,
        fc
          .integer({ min: 260, max: 600 })
          .map((kb) => JSON.stringify({ event: 'flow.updated', pad: 'x'.repeat(kb * 1024) })),
      ),
      async (raw) => {
        const id = `msg_signed_${n++}`;
        const first = await send(raw, signed(raw, id));
        const again = await send(raw, signed(raw, id));
        if (
          first.status === 200 &&
          (again.status !== 200 || (again.body as { duplicate?: boolean }).duplicate !== true)
        )
          return { status: -1, body: { first: first.body, again: again.body } };
        return first;
      },
      (s) => s === 200 || s === 400 || s === 413,
    );
    const health = await request('GET', `${broker.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
