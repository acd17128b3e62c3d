import { flowSchema } from '@dotskit/api';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNoSecretLeaks, signWebhook, token, waitForLog } from './test-support/helpers';
import { streamsPerFile } from './test-support/sse-streams';
import { type Stack, startStack } from './test-support/stack';
import type { Principal } from './types';

checkNoSecretLeaks();

const linked: Array<{ principal: Principal; dotsUserId: string }> = [];
let s: Stack;
beforeAll(async () => {
  s = await startStack({
    heartbeatMs: 50,
    onUserLinked: (principal, dotsUserId) => {
      linked.push({ principal, dotsUserId });
    },
  });
});
afterAll(() => s.close());

const stream = streamsPerFile(() => s.b.url);

describe('GET /events', () => {
  it('streams text/event-stream with heartbeats; 401 without a token', async () => {
    const alice = await stream('hb-user');
    expect(alice.status).toBe(200);
    expect(alice.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await alice.nextComment('ping');
    const anonymous = await fetch(`${s.b.url}/events`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe(
      'unauthorized',
    );
    const text = (await request(s.b.url).get('/metrics')).text;
    expect(text).toMatch(/dotskit_broker_sse_streams_open [1-9]/);
  });

  it('onboarding: webhook → flow.updated, flow.completed and onUserLinked, for the owner only', async () => {
    const alice = await stream('alice');
    const bob = await stream('bob');
    const created = await request(s.b.url)
      .post('/flows')
      .set('authorization', `Bearer ${await token('alice')}`)
      .send({ steps: ['compliance', 'manage-payouts'] });
    const flowId = flowSchema.parse(created.body).id;
    const created2 = await alice.next(
      (m) => m.event === 'flow.updated' && (m.data as { id: string }).id === flowId,
    );
    expect(created2.id).toBeGreaterThan(0);

    await s.control('POST', `/_sandbox/flows/${flowId}/complete`, {});
    const completed = await alice.next((m) => m.event === 'flow.completed');
    const flow = completed.data as { id: string; user_id: string; completed_steps: string[] };
    expect(flow.id).toBe(flowId);
    expect(flow.user_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(flow.completed_steps).toEqual(expect.arrayContaining(['compliance', 'manage-payouts']));

    // onUserLinked fired once; the user is linked and owned.
    await s.b.broker.idle();
    expect(linked.filter((l) => l.dotsUserId === flow.user_id)).toEqual([
      {
        principal: { sub: 'alice', dotsUserId: flow.user_id, scopes: [] },
        dotsUserId: flow.user_id,
      },
    ]);
    expect(await s.b.broker.store.getLinkedUser('alice')).toBe(flow.user_id);

    // flow.completed is published once even if Dots repeats flow.updated.
    const body = JSON.stringify({ event: 'flow.updated', flow_id: flowId });
    await request(s.b.url).post('/webhooks').set(signWebhook(body)).send(body);
    await s.b.broker.idle();
    const marker = await s.b.broker.store.appendEvent('alice', 'transfer.updated', {
      id: 'marker',
    });
    await alice.next((m) => m.id === marker.id);
    expect(alice.messages.filter((m) => m.event === 'flow.completed')).toHaveLength(1);

    // Bob saw none of it: his first event is his own.
    const own = await s.b.broker.store.appendEvent('bob', 'transfer.updated', { id: 'bob-marker' });
    const first = await bob.next(() => true);
    expect(first.id).toBe(own.id);

    // A later flow for alice starts signed in as the linked user.
    const next = await request(s.b.url)
      .post('/flows')
      .set('authorization', `Bearer ${await token('alice')}`)
      .send({ steps: ['payout'] });
    expect(next.body.user_id).toBe(flow.user_id);
  });

  it('replays everything after Last-Event-ID on reconnect, then continues live', async () => {
    const first = await stream('rita');
    const a = await s.b.broker.store.appendEvent('rita', 'payout_link.updated', { id: 'a' });
    await first.next((m) => m.id === a.id);
    first.close();
    const b = await s.b.broker.store.appendEvent('rita', 'payout_link.updated', { id: 'b' });
    const c = await s.b.broker.store.appendEvent('rita', 'transfer.updated', { id: 'c' });
    await s.b.broker.store.appendEvent('someone-else', 'transfer.updated', { id: 'x' });
    const again = await stream('rita', a.id);
    await again.next((m) => m.id === c.id);
    const d = await s.b.broker.store.appendEvent('rita', 'flow.updated', { id: 'd' });
    await again.next((m) => m.id === d.id);
    expect(again.messages.map((m) => m.id)).toEqual([b.id, c.id, d.id]);
    expect(again.messages.map((m) => (m.data as { id: string }).id)).toEqual(['b', 'c', 'd']);
  });

  it('only sends event types the token has read scopes for', async () => {
    const narrow = await stream('sam', undefined, { scope: 'payouts:read' });
    await s.b.broker.store.appendEvent('sam', 'flow.updated', { id: 'hidden' });
    const shown = await s.b.broker.store.appendEvent('sam', 'transfer.updated', { id: 'shown' });
    await narrow.next((m) => m.id === shown.id);
    expect(narrow.messages.map((m) => m.event)).toEqual(['transfer.updated']);
  });
});

describe('webhook processing', () => {
  it('retries the refresh when Dots fails, so the event still reaches the owner', async () => {
    const owner = await stream('retry-user');
    const created = await request(s.b.url)
      .post('/flows')
      .set('authorization', `Bearer ${await token('retry-user')}`)
      .send({ steps: ['compliance'] });
    const flowId = flowSchema.parse(created.body).id;
    const isUpdate = (m: { event: string; data: unknown }) =>
      m.event === 'flow.updated' && (m.data as { id: string }).id === flowId;
    const first = await owner.next(isUpdate);
    await s.control('PUT', '/_sandbox/faults', {
      error_rate: 1,
      error_status: 503,
      path_prefix: `/api/v2/flows/${flowId}`,
    });
    const retrying = waitForLog(/job failed; retrying/);
    const body = JSON.stringify({ event: 'flow.updated', flow_id: flowId });
    expect(
      (await request(s.b.url).post('/webhooks').set(signWebhook(body)).send(body)).status,
    ).toBe(200);
    await retrying;
    await s.control('PUT', '/_sandbox/faults', {});
    const second = await owner.next((m) => isUpdate(m) && (m.id ?? 0) > (first.id ?? 0));
    expect((second.data as { id: string }).id).toBe(flowId);
  });
});
