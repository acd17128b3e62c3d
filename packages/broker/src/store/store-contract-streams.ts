import { expect, it, vi } from 'vitest';
import type { StoreContractContext } from './store-contract';
import { collectEvents } from './test-support/collect-events';
import type { StreamEvent } from './types';

/** Contract cases for stream events, subscriptions, linked users and rate limits. */
export function streamCases(get: () => StoreContractContext): void {
  // ---------------------------------------------------------------- stream events
  it('appends events with increasing ids and returns them as stored', async () => {
    const { store, clock } = get();
    const data = { flow: { id: 'f1', completed_steps: ['compliance'] }, n: 1.5 };
    const a = await store.appendEvent('alice', 'flow.updated', data);
    clock.advance(5);
    const b = await store.appendEvent('bob', 'flow.completed', 'text');
    const c = await store.appendEvent('alice', 'transfer.updated', null);
    expect(a).toEqual({
      id: a.id,
      owner: 'alice',
      type: 'flow.updated',
      data,
      createdAt: clock.now() - 5,
    });
    expect(b).toMatchObject({
      owner: 'bob',
      type: 'flow.completed',
      data: 'text',
      createdAt: clock.now(),
    });
    expect(c.data).toBeNull();
    expect(Number.isSafeInteger(a.id) && a.id > 0).toBe(true);
    expect(b.id).toBeGreaterThan(a.id);
    expect(c.id).toBeGreaterThan(b.id);
    expect(await store.eventsSince('alice', 0, 100)).toEqual([a, c]);
    expect(await store.eventsSince('bob', 0, 100)).toEqual([b]);
    expect(await store.eventsSince('carol', 0, 100)).toEqual([]);
  });

  it('pages through eventsSince by last id', async () => {
    const { store } = get();
    const appended: StreamEvent[] = [];
    for (let i = 0; i < 7; i++) {
      appended.push(await store.appendEvent('alice', 'flow.updated', { i }));
      await store.appendEvent('bob', 'flow.updated', { i });
    }
    const seen: StreamEvent[] = [];
    let after = 0;
    for (;;) {
      const page = await store.eventsSince('alice', after, 3);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(3);
      seen.push(...page);
      after = (page.at(-1) as StreamEvent).id;
    }
    expect(seen).toEqual(appended);
    expect(await store.eventsSince('alice', (appended[4] as StreamEvent).id, 100)).toEqual(
      appended.slice(5),
    );
  });

  it('gives distinct ids to 20 concurrent appends', async () => {
    const { store } = get();
    const events = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.appendEvent(i % 2 ? 'alice' : 'bob', 'flow.updated', { i }),
      ),
    );
    expect(new Set(events.map((e) => e.id)).size).toBe(20);
    const stored = [
      ...(await store.eventsSince('alice', 0, 100)),
      ...(await store.eventsSince('bob', 0, 100)),
    ];
    expect(stored.map((e) => e.id).sort((x, y) => x - y)).toEqual(
      events.map((e) => e.id).sort((x, y) => x - y),
    );
  });

  it('delivers appended events of every owner to subscribers, once each, in id order', async () => {
    const { store } = get();
    // Delivery may be asynchronous (PostgreSQL: through LISTEN), so wait for the events.
    const all = collectEvents(store, 5);
    const onlyBob = collectEvents(store, 2, { owner: 'bob' });
    const a = await store.appendEvent('alice', 'flow.updated', { n: 1 });
    const b = await store.appendEvent('bob', 'payout_link.updated', { n: 2 });
    const c = await store.appendEvent('alice', 'flow.completed', { n: 3 });
    const d = await store.appendEvent('bob', 'flow.updated', {});
    const later = collectEvents(store, 1, { owner: 'carol' });
    const e = await store.appendEvent('carol', 'flow.updated', {});
    expect(await later.done).toEqual([e]);
    expect(await all.done).toEqual([a, b, c, d, e]);
    expect(await onlyBob.done).toEqual([b, d]);
    // One more event flushes anything still in flight: still no duplicate.
    const last = collectEvents(store, 1);
    const f = await store.appendEvent('carol', 'flow.updated', {});
    expect(await last.done).toEqual([f]);
    expect(all.events).toEqual([a, b, c, d, e, f]);
    for (const c of [all, onlyBob, later, last]) c.unsubscribe();
  });

  it('stops delivering after unsubscribe, and a throwing listener does not stop the others', async () => {
    const { store } = get();
    const gone: StreamEvent[] = [];
    const unsubscribeGone = store.subscribe((event) => gone.push(event));
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {});
    const unsubscribeThrower = store.subscribe(() => {
      throw new Error('listener bug');
    });
    const first = collectEvents(store, 1);
    await store.appendEvent('alice', 'flow.updated', { n: 1 });
    await first.done;
    expect(gone).toHaveLength(1);
    unsubscribeGone();
    unsubscribeGone();
    const second = collectEvents(store, 1);
    await store.appendEvent('alice', 'flow.updated', { n: 2 });
    await second.done;
    expect(gone).toHaveLength(1);
    expect(reported).toHaveBeenCalledTimes(2);
    reported.mockRestore();
    unsubscribeThrower();
    first.unsubscribe();
    second.unsubscribe();
  });

  // ---------------------------------------------------------------- linked users
  it('links a Dots user to a principal once: an existing link is kept, never replaced silently', async () => {
    const { store } = get();
    expect(await store.getLinkedUser('alice')).toBeUndefined();
    expect(await store.linkUser('alice', 'user_1')).toBe('user_1');
    expect(await store.linkUser('bob', 'user_2')).toBe('user_2');
    expect(await store.linkUser('alice', 'user_3')).toBe('user_1');
    expect(await store.getLinkedUser('alice')).toBe('user_1');
    expect(await store.getLinkedUser('bob')).toBe('user_2');
    const racing = await Promise.all(['u_a', 'u_b', 'u_c'].map((u) => store.linkUser('carol', u)));
    expect(new Set(racing).size).toBe(1);
    expect(await store.getLinkedUser('carol')).toBe(racing[0]);
  });

  it('replaces a link only when asked to', async () => {
    const { store } = get();
    await store.linkUser('alice', 'user_1');
    await store.replaceLinkedUser('alice', 'user_2');
    expect(await store.getLinkedUser('alice')).toBe('user_2');
    await store.replaceLinkedUser('dave', 'user_9');
    expect(await store.getLinkedUser('dave')).toBe('user_9');
  });

  it('marks a key once: true the first time, false ever after', async () => {
    const { store } = get();
    expect(await store.markOnce('flow.completed:f1')).toBe(true);
    expect(await store.markOnce('flow.completed:f1')).toBe(false);
    expect(await store.markOnce('flow.completed:f2')).toBe(true);
    const racing = await Promise.all([1, 2, 3].map(() => store.markOnce('k')));
    expect(racing.filter(Boolean)).toHaveLength(1);
  });

  // ---------------------------------------------------------------- rate limits
  it('counts hits in a fixed window and starts a new window when it ends', async () => {
    const { store, clock } = get();
    const start = clock.now();
    expect(await store.hitRateLimit('ip:1', 60_000)).toEqual({
      hits: 1,
      resetAt: start + 60_000,
    });
    clock.advance(30_000);
    expect(await store.hitRateLimit('ip:1', 60_000)).toEqual({
      hits: 2,
      resetAt: start + 60_000,
    });
    expect(await store.hitRateLimit('ip:2', 60_000)).toEqual({
      hits: 1,
      resetAt: start + 90_000,
    });
    clock.advance(30_000);
    expect(await store.hitRateLimit('ip:1', 60_000)).toEqual({
      hits: 1,
      resetAt: start + 120_000,
    });
  });

  it('decrements and resets a key', async () => {
    const { store } = get();
    await store.hitRateLimit('k', 1_000);
    await store.hitRateLimit('k', 1_000);
    await store.decrementRateLimit('k');
    expect((await store.hitRateLimit('k', 1_000)).hits).toBe(2);
    await store.decrementRateLimit('k');
    await store.decrementRateLimit('k');
    await store.decrementRateLimit('k');
    expect((await store.hitRateLimit('k', 1_000)).hits).toBe(1);
    await store.resetRateLimit('k');
    await store.decrementRateLimit('missing');
    expect((await store.hitRateLimit('k', 1_000)).hits).toBe(1);
  });

  it('counts 20 concurrent hits exactly', async () => {
    const { store } = get();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.hitRateLimit('burst', 60_000)),
    );
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(new Set(results.map((r) => r.resetAt)).size).toBe(1);
  });
}
