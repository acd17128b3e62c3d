import { getEventListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDotsClient, FETCH_TIMEOUT_MS } from '@dotskit/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeepAliveFetch } from './keep-alive-fetch';

// A Dots that misbehaves on purpose, one way per path.
let dots: Server;
let base: string;
beforeAll(async () => {
  dots = createServer((req, res) => {
    if (req.url === '/cut') {
      // Declares 100 bytes, sends 5, then the connection drops.
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"a":', () => res.socket?.destroy());
    } else if (req.url === '/drip') {
      // Headers at once, then a body that never ends.
      res.writeHead(200, { 'content-length': '1000000' });
      res.write(' ');
    } else if (req.url === '/big') {
      res.writeHead(200, { 'content-length': String(64 * 1024) });
      res.end(Buffer.alloc(64 * 1024, 32));
    } else if (req.url === '/fast') {
      res.end('{"ok":true}');
    }
    // Anything else is never answered.
  });
  await new Promise<void>((resolve) => dots.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(dots.address() as AddressInfo).port}`;
});
afterAll(async () => {
  dots.closeAllConnections();
  await new Promise((resolve) => dots.close(resolve));
});

/** The process's pending timers (Node names each `Timeout`). */
const pendingTimers = () =>
  process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;

/** `init` with a caller's signal and the marked timeout (long: no test waits for it). */
const withBoth = (signal: AbortSignal, timeoutMs = 60_000) =>
  ({ signal, [FETCH_TIMEOUT_MS]: timeoutMs }) as RequestInit;

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: Error) => e.name,
  );

describe('keep-alive fetch against a hostile upstream', () => {
  it('rejects an answer cut off mid-body and leaves no listener or timer behind', async () => {
    const f = createKeepAliveFetch();
    const caller = new AbortController();
    const timers = pendingTimers();
    expect(await outcome(f(`${base}/cut`, withBoth(caller.signal)))).toBe('Error');
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    expect(pendingTimers()).toBe(timers);
    f.close();
  });

  it("times out a body that never ends and leaves no listener on the caller's signal", async () => {
    const f = createKeepAliveFetch();
    const caller = new AbortController();
    expect(await outcome(f(`${base}/drip`, withBoth(caller.signal, 100)))).toBe('TimeoutError');
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    f.close();
  });

  it("clears its timer when the caller's signal aborts first", async () => {
    const f = createKeepAliveFetch();
    const caller = new AbortController();
    const timers = pendingTimers();
    const call = outcome(f(`${base}/hang`, withBoth(caller.signal)));
    await new Promise((resolve) => dots.once('request', resolve));
    caller.abort();
    expect(await call).toBe('AbortError');
    expect(pendingTimers()).toBe(timers);
    f.close();
  });

  it('takes only a positive whole maxResponseBytes', () => {
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(() => createKeepAliveFetch({ maxResponseBytes: bad })).toThrow(
        /^\[dotskit\] createKeepAliveFetch: maxResponseBytes must be/,
      );
  });

  it('refuses an answer over maxResponseBytes, then serves the next call', async () => {
    const f = createKeepAliveFetch({ maxResponseBytes: 16 * 1024 });
    await expect(f(`${base}/big`)).rejects.toThrow(/more than 16384 bytes/);
    const next = await f(`${base}/fast`, { [FETCH_TIMEOUT_MS]: 5_000 } as RequestInit);
    expect(await next.json()).toEqual({ ok: true });
    f.close();
  });
});

describe('keep-alive fetch input', () => {
  it('refuses a Request, whose method, headers and body it would drop', async () => {
    const f = createKeepAliveFetch();
    const post = new Request(`${base}/fast`, { method: 'POST', body: '{"a":1}' });
    await expect(f(post)).rejects.toThrow(/^\[dotskit\] keep-alive fetch takes a URL/);
    await expect(f(post)).rejects.toBeInstanceOf(TypeError);
    expect(await (await f(new URL(`${base}/fast`))).json()).toEqual({ ok: true });
    f.close();
  });
});

describe('keep-alive fetch behind a wrapper', () => {
  it('a wrapper copied with Object.assign is not marked, so the client still times the call', {
    timeout: 5_000,
  }, async () => {
    const f = createKeepAliveFetch();
    // A host's logging wrapper that passes the standard fields of init on, and so drops
    // init[FETCH_TIMEOUT_MS].
    const wrapper = Object.assign((input: string, init?: RequestInit) => {
      const { method, headers, body, signal } = init ?? {};
      return f(input, { method, headers, body, signal });
    }, f) as unknown as typeof fetch;
    expect((wrapper as unknown as Record<symbol, unknown>)[FETCH_TIMEOUT_MS]).toBeUndefined();
    const dots = createDotsClient({
      clientId: 'c',
      apiKey: 'k',
      environment: { baseUrl: `${base}/hang` },
      fetch: wrapper,
      timeoutMs: 100,
      maxRetries: 0,
    });
    await expect(dots.flows.retrieve('flow_1')).rejects.toMatchObject({ code: 'timeout' });
    f.close();
  });
});
