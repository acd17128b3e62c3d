import { expect, it } from 'vitest';
import type { StoreContractContext } from '../store-contract';

/** Contract cases of the ownership port. */
export function ownershipCases(get: () => StoreContractContext): void {
  it('records and reads owners; unknown resources have none', async () => {
    const { store } = get();
    await store.recordOwner('flow', 'f1', 'alice');
    expect(await store.getOwner('flow', 'f1')).toEqual({ owner: 'alice', relation: 'owner' });
    expect(await store.getOwner('flow', 'f2')).toBeUndefined();
    expect(await store.getOwner('payout_link', 'f1')).toBeUndefined();
  });

  it('keeps the first owner when the same resource is recorded again', async () => {
    const { store } = get();
    await store.recordOwner('transfer', 't1', 'alice');
    await store.recordOwner('transfer', 't1', 'mallory');
    expect((await store.getOwner('transfer', 't1'))?.owner).toBe('alice');
    await Promise.all(['bob', 'carol', 'dave'].map((o) => store.recordOwner('user', 'u1', o)));
    const winner = (await store.getOwner('user', 'u1'))?.owner;
    expect(['bob', 'carol', 'dave']).toContain(winner);
    const listed = await Promise.all(
      ['bob', 'carol', 'dave'].map((o) => store.listOwned('user', o, 10)),
    );
    expect(listed.flat()).toEqual(['u1']);
    expect(await store.listOwned('user', winner as string, 10)).toEqual(['u1']);
  });

  it('records how a principal relates to a resource; the first record wins, relation included', async () => {
    const { store } = get();
    await store.recordOwner('flow', 'claim-1', 'alice', 'follower');
    await store.recordOwner('flow', 'claim-1', 'alice', 'owner');
    await store.recordOwner('flow', 'own-1', 'alice');
    expect(await store.getOwner('flow', 'claim-1')).toEqual({
      owner: 'alice',
      relation: 'follower',
    });
    expect(await store.getOwner('flow', 'own-1')).toEqual({ owner: 'alice', relation: 'owner' });
    expect(await store.listOwned('flow', 'alice', 10, 'owner')).toEqual(['own-1']);
    expect(await store.listOwned('flow', 'alice', 10, 'follower')).toEqual(['claim-1']);
    expect((await store.listOwned('flow', 'alice', 10)).sort()).toEqual(['claim-1', 'own-1']);
  });

  it('lists owned ids of one kind, newest first, up to the limit', async () => {
    const { store, clock } = get();
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
}
