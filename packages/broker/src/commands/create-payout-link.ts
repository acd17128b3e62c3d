import { browserPayoutLinkBodySchema, hostPayoutLinkBodySchema } from './bodies';
import { applyDefaults } from './defaults';
import type { CreateCommand } from './pipeline';
import { recordFollowed } from './related';
import { saveState } from './resource-state';

/** `createPayoutLink`: a payout link paid from the app's wallet, within the payout cap. */
export const createPayoutLink: CreateCommand = {
  name: 'payoutLinks',
  kind: 'payout_link',
  schemas: { browser: browserPayoutLinkBodySchema, server: hostPayoutLinkBodySchema },
  prepare: async (ctx, caller, body) =>
    caller.via === 'browser'
      ? applyDefaults(ctx.browser.payoutLinkDefaults, caller.principal, body)
      : { ...body },
  amounts: (body) => [body.amount as number],
  call: (client, body, options) => client.payoutLinks.create(body as never, options),
  async recorded(ctx, owner, link) {
    await recordFollowed(ctx, owner, link);
    await saveState(ctx, 'payout_link', owner, link);
    await ctx.events.publish(owner, 'payout_link.updated', link);
  },
};
