import { Webhook } from 'svix';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../sandbox';
import { ofType, startReceiver } from '../test-support/receiver';
import { signWebhook } from './sign';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const AUTH = `Basic ${Buffer.from('sandbox_client_id:sandbox_api_key').toString('base64')}`;
const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.json() as Promise<Record<string, string>>);

describe('webhooks', () => {
  it('signs exactly as Svix: the svix package verifies it', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"type":"flow.updated"}';
    const ts = Math.floor(Date.now() / 1000);
    const sig = signWebhook(secret, 'msg_1', ts, body);
    const wh = new Webhook(secret);
    expect(
      wh.verify(body, { 'svix-id': 'msg_1', 'svix-timestamp': String(ts), 'svix-signature': sig }),
    ).toEqual({ type: 'flow.updated' });
    expect(() =>
      wh.verify(`${body} `, {
        'svix-id': 'msg_1',
        'svix-timestamp': String(ts),
        'svix-signature': sig,
      }),
    ).toThrow();
  });

  it('delivers flow.updated to a real receiver, verifiable with svix', async () => {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    const sb = await startSandbox({ enableControls: true, webhooks: [{ url: receiver.url }] });
    closers.push(sb.close);
    const secret = sb.sandbox.webhooks.endpoints()[0]!.secret;
    const flow = await post(`${sb.url}/api/v2/flows`, { steps: ['compliance'] });
    await fetch(`${sb.url}/_sandbox/flows/${flow.id}/steps/compliance/complete`, {
      method: 'POST',
    });
    const got = await receiver.waitFor(ofType(sb.sandbox.webhooks, 'flow.updated'));
    const verified = new Webhook(secret).verify(got.raw, got.headers as Record<string, string>);
    // Exactly Dots' body: nothing added (no `type`).
    expect(verified).toEqual({ event: 'flow.updated', flow_id: flow.id });
    expect(got.headers['svix-id']).toMatch(/^msg_/);
  });

  it('retries failures with backoff, keeping svix-id, and logs each attempt', async () => {
    const receiver = await startReceiver((n) => (n <= 2 ? 500 : 200));
    closers.push(receiver.close);
    const sb = await startSandbox({
      enableControls: true,
      webhookRetry: { delaysMs: [1000, 5000] },
    });
    closers.push(sb.close);
    const ep = await fetch(`${sb.url}/_sandbox/webhook-endpoints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url }),
    }).then((r) => r.json() as Promise<{ id: string; secret: string }>);
    expect(ep.secret).toMatch(/^whsec_/);
    await post(`${sb.url}/api/v2/apps`, { name: 'Retry app' });
    await receiver.waitFor(() => true);
    await sb.sandbox.webhooks.idle();
    let [delivery] = sb.sandbox.webhooks.deliveries();
    expect(delivery).toMatchObject({
      event_type: 'app.updated',
      status: 'pending',
      attempts: [{ status: 500 }],
    });
    // Backoff runs on the emulated clock: nothing is retried before the first delay.
    sb.sandbox.clock.advance(999);
    expect(receiver.received).toHaveLength(1);
    await fetch(`${sb.url}/_sandbox/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"seconds":1}',
    });
    await receiver.waitFor(() => receiver.received.length === 2);
    await sb.sandbox.webhooks.idle();
    sb.sandbox.clock.advance(5000);
    await receiver.waitFor(() => receiver.received.length === 3);
    await sb.sandbox.webhooks.idle();
    const ids = new Set(receiver.received.map((r) => r.headers['svix-id']));
    expect(ids.size).toBe(1);
    const log = await fetch(`${sb.url}/_sandbox/webhook-deliveries`).then(
      (r) => r.json() as Promise<{ data: (typeof delivery)[] }>,
    );
    [delivery] = log.data;
    expect(delivery).toMatchObject({
      status: 'succeeded',
      attempts: [{ status: 500 }, { status: 500 }, { status: 200 }],
    });
    for (const r of receiver.received) {
      const app = new Webhook(ep.secret).verify(r.raw, r.headers as Record<string, string>);
      expect(Object.keys(app as object)).toEqual(['app_id']);
    }
  });

  it('gives up after the last retry and marks the delivery failed', async () => {
    const sb = await startSandbox({ enableControls: true, webhookRetry: { delaysMs: [10] } });
    closers.push(sb.close);
    // A port nobody listens on: connection refused.
    sb.sandbox.webhooks.addEndpoint('http://127.0.0.1:9/unreachable');
    sb.sandbox.emit('user.updated.payout_method', { user_id: 'u' });
    await sb.sandbox.webhooks.idle();
    sb.sandbox.clock.advance(10);
    await sb.sandbox.webhooks.idle();
    const [d] = sb.sandbox.webhooks.deliveries();
    expect(d).toMatchObject({ status: 'failed', next_attempt_at: null });
    expect(d?.attempts).toHaveLength(2);
    expect(d?.attempts[0]?.error).toBeTruthy();
  });

  it('rejects a malformed secret at start-up', async () => {
    await expect(
      startSandbox({ webhooks: [{ url: 'http://127.0.0.1:1/x', secret: 'hunter2' }] }),
    ).rejects.toThrow(/whsec_/);
  });
});
