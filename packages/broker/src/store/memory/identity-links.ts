import type { IdentityLinksPort } from '../ports';
import type { MemoryPart, MemoryPortContext } from './context';

/** The identity-links port in memory: first link wins. */
export function memoryIdentityLinks(ctx: MemoryPortContext): MemoryPart<IdentityLinksPort> {
  const { open } = ctx;
  const links = new Map<string, string>();
  return {
    sweep: () => undefined,
    methods: {
      async linkUser(owner, dotsUserId) {
        open();
        const current = links.get(owner);
        if (current !== undefined) return current;
        links.set(owner, dotsUserId);
        return dotsUserId;
      },
      async replaceLinkedUser(owner, dotsUserId) {
        open();
        links.set(owner, dotsUserId);
      },
      async getLinkedUser(owner) {
        open();
        return links.get(owner);
      },
    },
  };
}
