import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectEvents } from './test-support/collect-events';
import { createFakeClock, type FakeClock } from './test-support/fake-clock';
import type { BrokerStore, StreamEvent } from './types';

/** Makes a fresh, empty, not yet initialised store driven by `clock`. */
export type StoreContractFactory = (clock: FakeClock) => Promise<BrokerStore>;

/**
 * The behaviour every `BrokerStore` must have. Each test gets a fresh store from `factory`
 * (called after a fresh fake clock is made), calls `init()` and closes it afterwards.
 */
export function describeStoreContract(name: string, factory: StoreContractFactory): void {
  describe(`${name} store contract`, () => {
    let clock: FakeClock;
    let store: BrokerStore;

    beforeEach(async () => {
      clock = createFakeClock();
      store = await factory(clock);
      await store.init();
    });
    afterEach(async () => {
      await store.close();
    });

    // ---------------------------------------------------------------- lifecycle
    it('initialises idempotently and answers ping', async () => {
      await store.init();
      await expect(store.ping()).resolves.toBeUndefined();
      expect(['memory', 'sqlite', 'postgres']).toContain(store.kind);
    });

    it('rejects calls after close, and close can be called twice', async () => {
      await store.close();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
      await expect(store.getOwner('flow', 'f1')).rejects.toThrow();
    });

    // ---------------------------------------------------------------- ownership
    it('records and reads owners; unknown resources have none', async () => {
      await store.recordOwner('flow', 'f1', 'alice');
      expect(await store.getOwner('flow', 'f1')).toBe('alice');
      expect(await store.getOwner('flow', 'f2')).toBeUndefined();
      expect(await store.getOwner('payout_link', 'f1')).toBeUndefined();
    });

    it('keeps the first owner when the same resource is recorded again', async () => {
      await store.recordOwner('transfer', 't1', 'alice');
      await store.recordOwner('transfer', 't1', 'mallory');
      expect(await store.getOwner('transfer', 't1')).toBe('alice');
      await Promise.all(['bob', 'carol', 'dave'].map((o) => store.recordOwner('user', 'u1', o)));
      const winner = await store.getOwner('user', 'u1');
      expect(['bob', 'carol', 'dave']).toContain(winner);
      const listed = await Promise.all(
        ['bob', 'carol', 'dave'].map((o) => store.listOwned('user', o, 10)),
      );
      expect(listed.flat()).toEqual(['u1']);
      expect(await store.listOwned('user', winner as string, 10)).toEqual(['u1']);
    });

    it('lists owned ids of one kind, newest first, up to the limit', async () => {
      for (const id of ['f1', 'f2', 'f3']) {
        await store.recordOwner('flow', id, 'alice');
        clock.advance(10);
      }
      await store.recordOwner('flow', 'f4', 'bob');
      await store.recordOwner('payout_link', 'pl1', 'alice');
      await store.recordOwner('payout_batch', 'b1', 'alice');
      expect(await store.listOwned('flow', 'alice', 10)).toEqual(['f3', 'f2', 'f1']);
      expect(await store.listOwned('flow', 'alice', 2)).toEqual(['f3', 'f2']);
      expect(await store.listOwned('payout_link', 'alice', 10)).toEqual(['pl1']);
      expect(await store.listOwned('flow', 'bob', 10)).toEqual(['f4']);
      expect(await store.listOwned('transfer', 'alice', 10)).toEqual([]);
    });

    // ---------------------------------------------------------------- idempotency
    it('claims a key once, then reports pending, mismatch and the stored response', async () => {
      expect(await store.claimIdempotency('k1', 'h1', 60_000)).toEqual({ state: 'claimed' });
      expect(await store.claimIdempotency('k1', 'h1', 60_000)).toEqual({ state: 'pending' });
      expect(await store.claimIdempotency('k1', 'h2', 60_000)).toEqual({ state: 'mismatch' });
      const body = {
        id: 'flow_1',
        steps: ['compliance'],
        nested: { n: 1, list: [1, 'two', null] },
      };
      await store.completeIdempotency('k1', 201, body);
      expect(await store.claimIdempotency('k1', 'h1', 60_000)).toEqual({
        state: 'done',
        status: 201,
        body,
      });
      expect(await store.claimIdempotency('k1', 'h2', 60_000)).toEqual({ state: 'mismatch' });
      expect(await store.claimIdempotency('k2', 'h1', 60_000)).toEqual({ state: 'claimed' });
    });

    it('releases a failed claim so that a retry can claim it, but never forgets a done key', async () => {
      await store.claimIdempotency('k1', 'h1', 60_000);
      await store.releaseIdempotency('k1');
      expect(await store.claimIdempotency('k1', 'h2', 60_000)).toEqual({ state: 'claimed' });
      await store.completeIdempotency('k1', 200, { ok: true });
      await store.releaseIdempotency('k1');
      expect(await store.claimIdempotency('k1', 'h2', 60_000)).toEqual({
        state: 'done',
        status: 200,
        body: { ok: true },
      });
      await store.releaseIdempotency('never-claimed');
      await store.completeIdempotency('never-claimed', 200, {});
      expect(await store.claimIdempotency('never-claimed', 'h', 60_000)).toEqual({
        state: 'claimed',
      });
    });

    it('expires pending and done keys after their ttl', async () => {
      await store.claimIdempotency('k1', 'h1', 1_000);
      clock.advance(999);
      expect(await store.claimIdempotency('k1', 'h1', 1_000)).toEqual({ state: 'pending' });
      clock.advance(1);
      expect(await store.claimIdempotency('k1', 'h2', 1_000)).toEqual({ state: 'claimed' });
      await store.completeIdempotency('k1', 201, 'body');
      clock.advance(999);
      expect(await store.claimIdempotency('k1', 'h2', 1_000)).toEqual({
        state: 'done',
        status: 201,
        body: 'body',
      });
      clock.advance(1);
      expect(await store.claimIdempotency('k1', 'h3', 1_000)).toEqual({ state: 'claimed' });
    });

    it('lets a pending claim be taken over after its lease (default 2 min), but not a done one', async () => {
      const day = 86_400_000;
      await store.claimIdempotency('k1', 'h1', day);
      clock.advance(119_999);
      expect(await store.claimIdempotency('k1', 'h1', day)).toEqual({ state: 'pending' });
      clock.advance(1);
      expect(await store.claimIdempotency('k1', 'h1', day)).toEqual({ state: 'claimed' });
      expect(await store.claimIdempotency('k1', 'h1', day)).toEqual({ state: 'pending' });
      await store.completeIdempotency('k1', 201, { id: 'f1' });
      clock.advance(day - 1);
      expect(await store.claimIdempotency('k1', 'h1', day)).toEqual({
        state: 'done',
        status: 201,
        body: { id: 'f1' },
      });
      clock.advance(1);
      expect(await store.claimIdempotency('k1', 'h1', day)).toEqual({ state: 'claimed' });
    });

    it('gives exactly one of 20 concurrent claims of the same key', async () => {
      const claims = await Promise.all(
        Array.from({ length: 20 }, () => store.claimIdempotency('hot', 'h', 60_000)),
      );
      expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
      expect(claims.filter((c) => c.state === 'pending')).toHaveLength(19);
    });

    it('gives exactly one of 20 concurrent claims of an expired key', async () => {
      await store.claimIdempotency('stale', 'h', 1_000);
      clock.advance(5_000);
      const claims = await Promise.all(
        Array.from({ length: 20 }, () => store.claimIdempotency('stale', 'h', 60_000)),
      );
      expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
    });

    // ---------------------------------------------------------------- webhooks
    it('stores webhook events once per svix id', async () => {
      const event = {
        svixId: 'msg_1',
        type: 'flow.updated',
        payload: { data: { id: 'f1' } },
        receivedAt: clock.now(),
      };
      expect(await store.insertWebhookEvent(event)).toBe(true);
      expect(await store.insertWebhookEvent({ ...event, payload: { other: true } })).toBe(false);
      expect(await store.countWebhookEvents()).toBe(1);
      expect(await store.insertWebhookEvent({ ...event, svixId: 'msg_2' })).toBe(true);
      expect(await store.countWebhookEvents()).toBe(2);
    });

    it('accepts exactly one of 20 concurrent deliveries of the same webhook', async () => {
      const event = {
        svixId: 'msg_hot',
        type: 'transfer.updated',
        payload: {},
        receivedAt: clock.now(),
      };
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.insertWebhookEvent(event)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.countWebhookEvents()).toBe(1);
    });

    it('forgets webhook and stream events older than the retention (7 days) at the next sweep', async () => {
      const week = 7 * 86_400_000;
      await store.insertWebhookEvent({
        svixId: 'old',
        type: 'flow.updated',
        payload: {},
        receivedAt: clock.now(),
      });
      const old = await store.appendEvent('alice', 'flow.updated', { old: true });
      clock.advance(1);
      const recent = await store.appendEvent('alice', 'flow.updated', { old: false });
      clock.advance(week - 2);
      await store.init(); // init sweeps, as does every 1024th write
      expect(await store.eventsSince('alice', 0, 10)).toEqual([old, recent]);
      expect(await store.countWebhookEvents()).toBe(1);
      clock.advance(1);
      await store.init();
      expect(await store.eventsSince('alice', 0, 10)).toEqual([recent]);
      expect(await store.countWebhookEvents()).toBe(0);
      expect(
        await store.insertWebhookEvent({
          svixId: 'old',
          type: 'x',
          payload: {},
          receivedAt: clock.now(),
        }),
      ).toBe(true);
      const next = await store.appendEvent('alice', 'flow.updated', {});
      expect(next.id).toBeGreaterThan(recent.id);
    });

    it('sweeps on its own every 1024 writes', async () => {
      await store.insertWebhookEvent({
        svixId: 'old',
        type: 'flow.updated',
        payload: {},
        receivedAt: clock.now(),
      });
      clock.advance(7 * 86_400_000);
      for (let i = 0; i < 1024; i++) await store.hitRateLimit('k', 1_000);
      expect(await store.countWebhookEvents()).toBe(0);
    });

    // ---------------------------------------------------------------- stream events
    it('appends events with increasing ids and returns them as stored', async () => {
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
    it('links a Dots user to a principal, latest wins', async () => {
      expect(await store.getLinkedUser('alice')).toBeUndefined();
      await store.linkUser('alice', 'user_1');
      await store.linkUser('bob', 'user_2');
      await store.linkUser('alice', 'user_3');
      expect(await store.getLinkedUser('alice')).toBe('user_3');
      expect(await store.getLinkedUser('bob')).toBe('user_2');
    });

    // ---------------------------------------------------------------- rate limits
    it('counts hits in a fixed window and starts a new window when it ends', async () => {
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
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.hitRateLimit('burst', 60_000)),
      );
      expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      expect(new Set(results.map((r) => r.resetAt)).size).toBe(1);
    });
  });
}
