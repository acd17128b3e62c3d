import { expect, it } from 'vitest';
import type { StoreContractContext } from '../store-contract';

/** Contract cases of the resource-state port: latest state, order, keyset pages, filters. */
export function resourceStateCases(get: () => StoreContractContext): void {
  const seed = async () => {
    const { store, clock } = get();
    for (let i = 1; i <= 5; i++) {
      await store.saveResourceState('transfer', `t${i}`, 'alice', i % 2 ? 'pending' : 'completed', {
        id: `t${i}`,
        n: i,
      });
      clock.advance(10);
    }
    await store.saveResourceState('transfer', 'tb', 'bob', 'pending', { id: 'tb' });
    await store.saveResourceState('payout_link', 'pl1', 'alice', 'created', { id: 'pl1' });
  };
  const ids = (page: { items: unknown[] }) => page.items.map((i) => (i as { id: string }).id);

  it('lists an owner’s resources of one kind, newest first, in pages', async () => {
    const { store } = get();
    await seed();
    const first = await store.listResourceStates('transfer', 'alice', { limit: 2 });
    expect([ids(first), first.hasMore]).toEqual([['t5', 't4'], true]);
    const second = await store.listResourceStates('transfer', 'alice', {
      limit: 2,
      startingAfter: 't4',
    });
    expect([ids(second), second.hasMore]).toEqual([['t3', 't2'], true]);
    const last = await store.listResourceStates('transfer', 'alice', {
      limit: 2,
      startingAfter: 't2',
    });
    expect([ids(last), last.hasMore]).toEqual([['t1'], false]);
    expect(ids(await store.listResourceStates('transfer', 'bob', { limit: 10 }))).toEqual(['tb']);
    expect(ids(await store.listResourceStates('payout_link', 'alice', { limit: 10 }))).toEqual([
      'pl1',
    ]);
  });

  it('filters by status, and replaces a state without moving it', async () => {
    const { store, clock } = get();
    await seed();
    expect(
      ids(await store.listResourceStates('transfer', 'alice', { limit: 10, status: 'completed' })),
    ).toEqual(['t4', 't2']);
    clock.advance(1_000);
    await store.saveResourceState('transfer', 't1', 'alice', 'completed', { id: 't1', n: 99 });
    const page = await store.listResourceStates('transfer', 'alice', {
      limit: 10,
      status: 'completed',
    });
    expect(ids(page)).toEqual(['t4', 't2', 't1']);
    expect(page.items[2]).toEqual({ id: 't1', n: 99 });
  });

  it('never pages into another owner’s list: a foreign or unknown cursor gives an empty page', async () => {
    const { store } = get();
    await seed();
    expect(
      await store.listResourceStates('transfer', 'alice', { limit: 10, startingAfter: 'tb' }),
    ).toEqual({
      items: [],
      hasMore: false,
    });
    expect(
      await store.listResourceStates('transfer', 'alice', { limit: 10, startingAfter: 'nope' }),
    ).toEqual({
      items: [],
      hasMore: false,
    });
    await store.saveResourceState('transfer', 't1', 'mallory', 'failed', {
      id: 't1',
      stolen: true,
    });
    expect(ids(await store.listResourceStates('transfer', 'mallory', { limit: 10 }))).toEqual([]);
    const alice = await store.listResourceStates('transfer', 'alice', { limit: 10 });
    expect(alice.items.at(-1)).toEqual({ id: 't1', n: 1 });
  });
}
