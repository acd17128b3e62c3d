import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DotsFlow } from './dots-flow';
import { DotsProvider } from './provider';
import { createFakeBroker } from './testing';

// What a host app's own jsdom test looks like (the README example), with real timers.
// Through the test adapter while the fake's /events frames are not yet the broker's format.
describe('@dotskit/react/testing', () => {
  it('drives a flow to completion the way the README shows', async () => {
    const broker = createFakeBroker();
    render(
      <DotsProvider broker={broker.config}>
        <DotsFlow steps={['compliance', 'manage-payouts']} />
      </DotsProvider>,
    );
    await screen.findByTitle('Dots payouts');
    const [flow] = broker.flows.values();
    broker.completeFlow(flow!.id);
    expect(await screen.findByText('All done.')).toBeTruthy();
    expect(broker.requests[0]).toMatchObject({
      method: 'POST',
      path: '/flows',
      authorization: 'Bearer token-1',
    });
  });

  it('implements the broker contract: 401 without a token, 404 for unknown ids, idempotent creates', async () => {
    const broker = createFakeBroker();
    const call = (method: string, path: string, body?: unknown, token = 'token-1') =>
      broker.fetch(`${broker.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect((await call('GET', '/flows/x', undefined, 'nope')).status).toBe(401);
    const missing = await call('GET', '/transfers/x');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'not_found', message: 'Not found.' },
    });
    const body = { amount: 100, idempotency_key: '2b1f3c1e-8a7d-4c1a-9a55-0a1e2b3c4d5e' };
    const a = await (await call('POST', '/payout-links', body)).json();
    const b = await (await call('POST', '/payout-links', body)).json();
    expect(a.id).toBe(b.id);
    // The same key with another body: the broker's 409, never a replay.
    const reused = await call('POST', '/payout-links', { ...body, amount: 101 });
    expect(reused.status).toBe(409);
    expect((await reused.json()).error.code).toBe('idempotency_mismatch');
    // A token without the route's scope: 403.
    const readOnly = broker.tokenFor(undefined, { scopes: ['flows:read'] });
    const denied = await call('POST', '/flows', { steps: ['payout'] }, readOnly);
    expect([denied.status, (await denied.json()).error.details]).toEqual([
      403,
      { required_scope: 'flows:write' },
    ]);
    expect((await call('POST', '/payout-links', { amount: -1 })).status).toBe(400);
    await expect(broker.fetch('https://elsewhere.test/flows')).rejects.toThrow(/outside/);
  });
});
