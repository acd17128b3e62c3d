import { hostUserBodySchema } from './bodies';
import type { CreateCommand } from './pipeline';

/** `createUser` (server-side only): a Dots user for the principal, linked to them. */
export const createUser: CreateCommand = {
  name: 'users',
  kind: 'user',
  schemas: { server: hostUserBodySchema },
  call: (client, body, options) => client.users.create(body as never, options),
  async beforeCommit(ctx, owner, user) {
    await ctx.identity.link(owner, user.id, 'users.create');
  },
  records: () => ({}),
};
