import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FETCH_TIMEOUT_MS } from '@dotskit/api';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBroker } from './create-broker';
import { createKeepAliveFetch } from './keep-alive-fetch';
import { createMemoryStore } from './store/memory-store';
import { bearer, captureLogger, JWT_SECRET } from './test-support/helpers';

// A Dots that answers `/fast` at once and never answers anything else.
let dots: Server;
let base: string;
beforeAll(async () => {
  dots = createServer((req, res) => {
    if (req.url === '/fast') res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => dots.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(dots.address() as AddressInfo).port}`;
});
afterAll(async () => {
  dots.closeAllConnections();
  await new Promise((resolve) => dots.close(resolve));
});

describe('keep-alive fetch timeout', () => {
  it('is marked as enforcing FETCH_TIMEOUT_MS', () => {
    const f = createKeepAliveFetch();
    expect((f as unknown as Record<symbol, unknown>)[FETCH_TIMEOUT_MS]).toBe(true);
    f.close();
  });

  it('rejects with a TimeoutError when the answer does not come in time', async () => {
    const f = createKeepAliveFetch();
    const init = { [FETCH_TIMEOUT_MS]: 50 } as RequestInit;
    await expect(f(`${base}/slow`, init)).rejects.toMatchObject({ name: 'TimeoutError' });
    f.close();
  });

  it('resolves an answer that comes in time', async () => {
    const f = createKeepAliveFetch();
    const init = { [FETCH_TIMEOUT_MS]: 5_000 } as RequestInit;
    expect(await (await f(`${base}/fast`, init)).json()).toEqual({ ok: true });
    f.close();
  });

  it('a Dots timeout is the same 504 through the keep-alive transport as through fetch', async () => {
    const bodies = [];
    for (const transport of [undefined, globalThis.fetch]) {
      const broker = createBroker({
        dots: {
          clientId: 'client',
          apiKey: 'key_never_used_upstream',
          environment: { baseUrl: base },
          timeoutMs: 100,
          maxRetries: 0,
          ...(transport ? { fetch: transport } : {}),
        },
        auth: { jwtSecret: JWT_SECRET },
        store: createMemoryStore(),
        logger: captureLogger('warn'),
      });
      const res = await request(express().use(broker))
        .post('/flows')
        .set('authorization', await bearer('timeout-user'))
        .send({ steps: ['compliance'] });
      await broker.close();
      expect(res.status).toBe(504);
      bodies.push(res.body);
    }
    expect(bodies[0].error.code).toBe('upstream_timeout');
    expect(bodies[0]).toEqual(bodies[1]);
  });
});
