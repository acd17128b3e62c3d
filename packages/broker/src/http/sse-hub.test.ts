import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory-store';
import { JWT_SECRET, type RunningBroker, startBroker, token } from '../test-support/helpers';
import { openSse } from '../test-support/sse-client';

let b: RunningBroker;
beforeAll(async () => {
  b = await startBroker({
    dots: {
      clientId: 'c',
      apiKey: 'key_unused',
      environment: { baseUrl: 'http://127.0.0.1:9/api' },
    },
    auth: { jwtSecret: JWT_SECRET },
    store: createMemoryStore(),
    maxStreamsPerPrincipal: 2,
    rateLimit: false,
  });
});
afterAll(() => b.close());

describe('streams per principal', () => {
  it("a third stream of one user ends that user's oldest, and nobody else's", async () => {
    const bob = await openSse(`${b.url}/events`, await token('bob'));
    const first = await openSse(`${b.url}/events`, await token('alice'));
    const second = await openSse(`${b.url}/events`, await token('alice'));
    await second.nextComment('connected');
    const third = await openSse(`${b.url}/events`, await token('alice'));
    await first.nextComment('closed: a newer stream of this user replaced it');
    await third.nextComment('connected');
    const metrics = (await request(b.url).get('/metrics')).text;
    expect(metrics).toMatch(/dotskit_broker_sse_streams_open 3\b/);

    // The survivors and Bob still get their events.
    await b.broker.store.appendEvent('alice', 'flow.updated', { id: 'f_1' });
    await b.broker.store.appendEvent('bob', 'flow.updated', { id: 'f_2' });
    for (const live of [second, third])
      await live.next((m) => (m.data as { id: string }).id === 'f_1');
    await bob.next((m) => (m.data as { id: string }).id === 'f_2');
    expect(first.messages).toEqual([]);
    expect(bob.comments).not.toContain('closed: a newer stream of this user replaced it');
    for (const s of [bob, first, second, third]) s.close();
  });
});
