import { browserPayoutLinkBodySchema, hostPayoutLinkBodySchema } from './bodies';
import { applyDefaults } from './defaults';
import type { CreateCommand } from './pipeline';
import { followedBy } from './related';
import { stateOf } from './resource-state';

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
  records: (owner, link) => ({
    owners: followedBy(owner, link),
    states: [stateOf('payout_link', owner, link)],
    events: [{ owner, type: 'payout_link.updated', data: link }],
  }),
};
