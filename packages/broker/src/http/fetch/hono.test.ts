import type { AddressInfo } from 'node:net';
import type { RunningSandbox } from '@dotskit/sandbox';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrokerHandler } from '../../fetch';
import { startTestSandbox, testBrokerOptions } from '../../test-support/adapters';
import { captureLogger, token, WEBHOOK_SECRET } from '../../test-support/helpers';
import { openSse } from '../../test-support/sse-client';

// The README's Hono line, as a host writes it, on Hono's own Node server: the Fetch
// adapter must work behind a real framework's Request/Response bridge, not only ours.
describe('the Fetch adapter mounted in Hono (README one-liner, @hono/node-server)', () => {
  let sandbox: RunningSandbox;
  let broker: ReturnType<typeof createBrokerHandler>;
  let server: ReturnType<typeof serve>;
  let base: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    const { authorize: _express, ...options } = testBrokerOptions(sandbox);
    broker = createBrokerHandler({ ...options, logger: captureLogger('warn'), basePath: '/dots' });
    const app = new Hono();
    app.all('/dots/*', (c) => broker(c.req.raw));
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dots`;
    const res = await fetch(`${sandbox.url}/_sandbox/webhook-endpoints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${base}/webhooks`, secret: WEBHOOK_SECRET }),
    });
    expect(res.status).toBeLessThan(300);
  });
  afterAll(async () => {
    await broker?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await sandbox?.close();
  });

  it('creates and reads a flow, streams its completion from a verified webhook', async () => {
    const auth = { authorization: `Bearer ${await token('hono-seller')}` };
    const created = await fetch(`${base}/flows`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ steps: ['compliance'] }),
    });
    expect(created.status).toBe(201);
    const flow = (await created.json()) as { id: string; link: string };
    expect(flow.link).toContain(flow.id);

    const read = await fetch(`${base}/flows/${flow.id}`, { headers: auth });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { id: string }).id).toBe(flow.id);
    const other = await fetch(`${base}/flows/${flow.id}`, {
      headers: { authorization: `Bearer ${await token('someone-else')}` },
    });
    expect(other.status).toBe(404);

    const events = await openSse(`${base}/events`, await token('hono-seller'));
    try {
      expect(events.status).toBe(200);
      await fetch(`${sandbox.url}/_sandbox/flows/${flow.id}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const done = await events.next(
        (m) =>
          m.event === 'flow.updated' &&
          (m.data as { id?: string; completed_steps?: string[] }).id === flow.id &&
          ((m.data as { completed_steps?: string[] }).completed_steps ?? []).includes('compliance'),
      );
      expect(done.id).toBeTypeOf('number');
    } finally {
      events.close();
    }
  });

  it('refuses an unsigned webhook and answers bad JSON with a 400, never a 5xx', async () => {
    const unsigned = await fetch(`${base}/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event_type: 'flow.updated', data: {} }),
    });
    expect(unsigned.status).toBe(401);
    const bad = await fetch(`${base}/flows`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await token('hono-seller')}`,
        'content-type': 'application/json',
      },
      body: '{"steps": [',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBeTypeOf('string');
  });
});
