import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdapterKind, type AdapterStack, startAdapter } from '../test-support/adapters';
import { bearer, checkNoSecretLeaks, signWebhook, token } from '../test-support/helpers';
import { openSse } from '../test-support/sse-client';

checkNoSecretLeaks();

const errorCode = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code;

/** The broker's HTTP contract: the same cases for the Express router and the Fetch handler. */
describe.each(['express', 'fetch'] as AdapterKind[])('HTTP contract (%s adapter)', (kind) => {
  let s: AdapterStack;
  beforeAll(async () => {
    s = await startAdapter(kind, { allowedOrigins: ['https://shop.example'], bodyLimit: '2kb' });
  });
  afterAll(() => s?.close());
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${s.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('authenticates, checks scopes, and scopes reads to the owner', async () => {
    expect(await errorCode(await post('/flows', { steps: ['compliance'] }))).toBe('unauthorized');
    const readOnly = await bearer('ann', { scope: 'flows:read' });
    const denied = await post('/flows', { steps: ['compliance'] }, { authorization: readOnly });
    expect([denied.status, await errorCode(denied)]).toEqual([403, 'insufficient_scope']);
    const created = await post(
      '/flows',
      { steps: ['compliance'] },
      { authorization: await bearer('ann') },
    );
    expect(created.status).toBe(201);
    const flow = (await created.json()) as { id: string };
    const own = await fetch(`${s.url}/flows/${flow.id}`, {
      headers: { authorization: await bearer('ann') },
    });
    expect([own.status, ((await own.json()) as { id: string }).id]).toEqual([200, flow.id]);
    const other = await fetch(`${s.url}/flows/${flow.id}`, {
      headers: { authorization: await bearer('bo') },
    });
    expect([other.status, await errorCode(other)]).toEqual([404, 'not_found']);
  });

  it('answers HEAD as GET without a body: health, reads and the event stream', async () => {
    const auth = { authorization: await bearer('ann') };
    const created = await post('/flows', { steps: ['compliance'] }, auth);
    const { id } = (await created.json()) as { id: string };
    const head = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${s.url}${path}`, { method: 'HEAD', headers, signal: AbortSignal.timeout(5_000) });
    for (const [path, headers, status] of [
      ['/healthz', {}, 200],
      [`/flows/${id}`, auth, 200],
      ['/flows/flow_unknown', auth, 404],
      [`/flows/${id}`, {}, 401],
    ] as const) {
      const res = await head(path, headers);
      expect([path, res.status]).toEqual([path, status]);
      expect(await res.text()).toBe('');
    }
    const events = await head('/events', auth);
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await events.text()).toBe('');
  });

  it('replays an idempotent create, and refuses the key with another body', async () => {
    const auth = { authorization: await bearer('ann') };
    const body = { steps: ['compliance'], idempotency_key: `k-${kind}` };
    const first = await post('/flows', body, auth);
    const again = await post('/flows', body, auth);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(
      ((await first.json()) as { id: string }).id,
    );
    const other = await post('/flows', { ...body, steps: ['payout'] }, auth);
    expect([other.status, await errorCode(other)]).toEqual([409, 'idempotency_mismatch']);
  });

  it('answers bad bodies with 4xx and field details', async () => {
    const auth = { authorization: await bearer('ann') };
    const text = await post('/flows', 'steps=compliance', {
      ...auth,
      'content-type': 'text/plain',
    });
    expect([text.status, await errorCode(text)]).toEqual([415, 'unsupported_media_type']);
    const broken = await post('/flows', '{"steps":', auth);
    expect([broken.status, await errorCode(broken)]).toEqual([400, 'invalid_json']);
    const big = await post(
      '/flows',
      { steps: ['compliance'], metadata: { note: 'x'.repeat(3_000) } },
      auth,
    );
    expect([big.status, await errorCode(big)]).toEqual([413, 'payload_too_large']);
    const strict = await post('/flows', { steps: [{ name: 'payout', force: true }] }, auth);
    expect(strict.status).toBe(400);
    const error = (
      (await strict.json()) as { error: { code: string; details: { fields: unknown[] } } }
    ).error;
    expect(error.code).toBe('invalid_input');
    expect(error.details.fields.length).toBeGreaterThan(0);
  });

  it('applies one origin policy: allowed and same-origin pass, others are refused', async () => {
    const preflight = (origin: string) =>
      fetch(`${s.url}/flows`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const ok = await preflight('https://shop.example');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    // An error to an allowed origin is readable by it (CORS headers on every answer).
    const anonymous = await post(
      '/flows',
      { steps: ['compliance'] },
      { origin: 'https://shop.example' },
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const evil = await preflight('https://evil.example');
    expect([evil.status, await errorCode(evil)]).toEqual([403, 'origin_not_allowed']);
    const auth = await bearer('ann');
    const cross = await post(
      '/flows',
      { steps: ['compliance'] },
      { authorization: auth, origin: 'https://evil.example' },
    );
    expect([cross.status, await errorCode(cross)]).toEqual([403, 'origin_not_allowed']);
    const same = await post(
      '/flows',
      { steps: ['compliance'] },
      { authorization: auth, origin: 'https://app.example', 'sec-fetch-site': 'same-origin' },
    );
    expect(same.status).toBe(201);
  });

  it('verifies webhooks over the raw body, deduplicates them, and streams the owner’s events with replay', async () => {
    const created = await post(
      '/flows',
      { steps: ['compliance'] },
      { authorization: await bearer('sse-ann') },
    );
    const flow = (await created.json()) as { id: string };
    const body = JSON.stringify({ event: 'flow.updated', flow_id: flow.id });
    const forged = await fetch(`${s.url}/webhooks`, {
      method: 'POST',
      headers: { ...signWebhook(body), 'svix-signature': 'v1,AAAA' },
      body,
    });
    expect([forged.status, await errorCode(forged)]).toEqual([401, 'invalid_signature']);
    const headers = signWebhook(body, { id: `msg_contract_${kind}` });
    const first = await fetch(`${s.url}/webhooks`, { method: 'POST', headers, body });
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    const again = await fetch(`${s.url}/webhooks`, { method: 'POST', headers, body });
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    await s.idle();
    const stream = await openSse(`${s.url}/events`, await token('sse-ann'), 0);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const updates = await stream.next(
      (m) =>
        m.event === 'flow.updated' &&
        stream.messages.filter((x) => x.event === 'flow.updated').length >= 2,
    );
    expect((updates.data as { id: string }).id).toBe(flow.id);
    expect(stream.messages.every((m) => (m.data as { id: string }).id === flow.id)).toBe(true);
    stream.close();
  });

  it('serves health, readiness and metrics', async () => {
    expect(await (await fetch(`${s.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${s.url}/readyz`)).json()).toEqual({
      status: 'ready',
      store: 'memory',
    });
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toMatch(
      /dotskit_broker_requests_total\{method="POST",route="POST \/flows",status="201"\} \d+/,
    );
  });
});

describe.each(['express', 'fetch'] as AdapterKind[])('rate limits (%s adapter)', (kind) => {
  let s: AdapterStack;
  beforeAll(async () => {
    s = await startAdapter(kind, {
      rateLimit: { perPrincipal: 2, perIp: 1_000, windowMs: 60_000 },
    });
  });
  afterAll(() => s?.close());

  it('answers 429 with Retry-After past the per-principal limit', async () => {
    const auth = { authorization: await bearer('busy') };
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 3; i++) {
      last = await fetch(`${s.url}/flows/f_missing`, { headers: auth });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([404, 404, 429]);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe.each(['express', 'fetch'] as AdapterKind[])('per-IP limit (%s adapter)', (kind) => {
  let s: AdapterStack;
  beforeAll(async () => {
    // Express takes the address from X-Forwarded-For (the test app trusts loopback); the
    // Fetch handler from the host's `clientIp`, here the same header.
    const clientIp = (request: Request) => request.headers.get('x-forwarded-for') ?? undefined;
    s = await startAdapter(kind, {
      rateLimit: { perPrincipal: 1_000, perIp: 2, windowMs: 60_000 },
      ...(kind === 'fetch' ? ({ clientIp } as object) : {}),
    });
  });
  afterAll(() => s?.close());

  it('counts every IPv6 address of one /56 in one bucket', async () => {
    const statuses: number[] = [];
    for (const ip of ['2001:db8:aa:1::1', '2001:db8:aa:2::2', '2001:db8:aa:ff::3']) {
      const res = await fetch(`${s.url}/flows/f_missing`, {
        headers: { authorization: await bearer('many-addresses'), 'x-forwarded-for': ip },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([404, 404, 429]);
    const other = await fetch(`${s.url}/flows/f_missing`, {
      headers: {
        authorization: await bearer('many-addresses'),
        'x-forwarded-for': '2001:db8:ab::1',
      },
    });
    expect(other.status).toBe(404);
  });
});
