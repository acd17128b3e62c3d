import { expect, it, vi } from 'vitest';
import type { StreamEvent } from '../ports';
import type { StoreContractContext } from '../store-contract';
import { collectEvents } from '../test-support/collect-events';

/** Contract cases of the event-log port (stream events, once-markers). */
export function eventLogCases(get: () => StoreContractContext): void {
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

  it('marks a key once: true the first time, false ever after', async () => {
    const { store } = get();
    expect(await store.markOnce('flow.completed:f1')).toBe(true);
    expect(await store.markOnce('flow.completed:f1')).toBe(false);
    expect(await store.markOnce('flow.completed:f2')).toBe(true);
    const racing = await Promise.all([1, 2, 3].map(() => store.markOnce('k')));
    expect(racing.filter(Boolean)).toHaveLength(1);
  });
}
