import { expect, it } from 'vitest';
import type { StoreContractContext } from '../store-contract';

/** Contract cases of the identity-links port. */
export function identityLinkCases(get: () => StoreContractContext): void {
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
}
