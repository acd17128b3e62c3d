import { flowEvents } from '../events';
import { userVouchedByFlow } from '../identity/identity';
import { browserFlowBodySchema, hostFlowBodySchema } from './bodies';
import type { Body, Caller, CommandContext } from './context';
import { applyDefaults } from './defaults';
import type { CreateCommand } from './pipeline';
import { callDots } from './upstream';

/** How many of a principal's own recent flows a create looks at for a user Dots gave them. */
const OWN_FLOWS_CHECKED = 3;

/**
 * The principal's Dots user for a new flow. Without one yet, and without webhooks (which
 * link it as soon as a flow gains a user), the principal's own recent flows are asked
 * whether one gained a user (rule: a flow the principal created through the broker vouches
 * for them).
 */
async function userForFlow(ctx: CommandContext, caller: Caller): Promise<string | undefined> {
  const known = await ctx.identity.linkedUser(caller.principal);
  if (known || !ctx.linkFromOwnFlows) return known;
  const sub = caller.principal.sub;
  for (const id of await ctx.store.listOwned('flow', sub, OWN_FLOWS_CHECKED, 'owner')) {
    const flow = await callDots(ctx, 'flows.retrieve', () => ctx.client.flows.retrieve(id));
    const userId = userVouchedByFlow({ owner: sub, relation: 'owner' }, flow);
    if (userId && (await ctx.identity.link(sub, userId, 'own_flow')) !== 'conflict') return userId;
  }
  return undefined;
}

/** `createFlow`: a Dots flow for the principal, signed in as their linked Dots user if any. */
export const createFlow: CreateCommand = {
  name: 'flows',
  kind: 'flow',
  schemas: { browser: browserFlowBodySchema, server: hostFlowBodySchema },
  async prepare(ctx, caller, body) {
    const payload: Body =
      caller.via === 'browser'
        ? await applyDefaults(ctx.browser.flowDefaults, caller.principal, body)
        : { ...body };
    if (payload.user_id === undefined) {
      const userId = await userForFlow(ctx, caller);
      if (userId) payload.user_id = userId;
    }
    return payload;
  },
  call: (client, body, options) => client.flows.create(body as never, options),
  records: (owner, flow) => ({ events: flowEvents(owner, flow) }),
};
