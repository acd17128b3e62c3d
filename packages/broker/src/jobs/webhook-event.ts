import { walletOf } from '../commands/read-wallet';
import { recordFollowed } from '../commands/related';
import { saveState } from '../commands/resource-state';
import type { DotsResource } from '../dots-client';
import type { EventPublisher } from '../events';
import { type Identity, userVouchedByFlow } from '../identity/identity';
import type { OwnerLookup } from '../owner-cache';
import type { BrokerStore, Ownership, ResourceKind } from '../store/ports';

/** What handling a stored webhook event needs. */
export interface WebhookEventContext {
  store: BrokerStore;
  owners: OwnerLookup;
  events: EventPublisher;
  identity: Identity;
  /** Fetches the current state of a resource from Dots. */
  refresh(kind: 'flows' | 'payoutLinks' | 'transfers' | 'users', id: string): Promise<DotsResource>;
}

/**
 * No owner is recorded for the resource (yet): a webhook can overtake the create call that
 * records it. The worker retries it briefly, then takes the resource to be one the broker
 * did not create.
 */
export class OwnerNotKnown extends Error {}

type Payload = Record<string, unknown>;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined;

/** When Dots cannot be asked, the object the webhook carried is the best we have. */
const fallback = (carried: Payload | undefined, err: unknown): DotsResource => {
  if (carried && str(carried.id)) return carried as DotsResource;
  throw err;
};

async function ownershipOf(
  ctx: WebhookEventContext,
  kind: ResourceKind,
  id: string,
): Promise<Ownership> {
  const found = await ctx.owners.get(kind, id);
  if (!found) throw new OwnerNotKnown(`no owner recorded for ${kind} ${id}`);
  return found;
}

/**
 * Handles one verified webhook event: refreshes the resource from Dots and publishes it
 * to the principal it belongs to. A flow the principal owns may link the Dots user it
 * gained (the identity rule); a flow it only follows (a payout link's claim flow) never
 * does and is not published (the creator follows the link and its transfer instead).
 * Re-running is harmless: it re-publishes the current state.
 */
export async function handleWebhookEvent(
  ctx: WebhookEventContext,
  type: string,
  payload: Payload,
): Promise<void> {
  if (type.startsWith('flow.')) {
    const id = str(payload.flow_id) ?? str(payload.id);
    if (!id) return;
    const ownership = await ownershipOf(ctx, 'flow', id);
    if (ownership.relation !== 'owner') return;
    const flow = await ctx.refresh('flows', id);
    const userId = userVouchedByFlow(ownership, flow);
    if (userId) await ctx.identity.link(ownership.owner, userId, 'own_flow');
    await ctx.events.publishFlow(ownership.owner, flow);
  } else if (type.startsWith('payout_link.')) {
    const id = str(payload.payout_link_id) ?? str(payload.id);
    if (!id) return;
    const { owner, relation } = await ownershipOf(ctx, 'payout_link', id);
    const link = await ctx.refresh('payoutLinks', id).catch((err) => fallback(payload, err));
    await recordFollowed(ctx, owner, link);
    if (relation === 'owner') await saveState(ctx, 'payout_link', owner, link);
    await ctx.events.publish(owner, 'payout_link.updated', link);
  } else if (type.startsWith('transfer.')) {
    const transfer = payload.transfer as Payload | undefined;
    const id = str(payload.transfer_id) ?? str(transfer?.id);
    if (!id) return;
    const recorded = await ctx.owners.get('transfer', id);
    const current = await ctx.refresh('transfers', id).catch((err) => fallback(transfer, err));
    const { owner, relation } = recorded ?? (await ownerOfUsersTransfer(ctx, current));
    if (relation === 'owner') await saveState(ctx, 'transfer', owner, current);
    await ctx.events.publish(owner, 'transfer.updated', current);
    if (relation === 'owner' && current.status === 'completed')
      await publishWallet(ctx, owner, current);
  }
}

/**
 * A transfer the broker did not create (a seller's withdrawal, made by Dots in their own
 * `payout` step) belongs to the principal its Dots user is linked to — a link the broker
 * was told; it is recorded as theirs, so that it reaches their stream and their list.
 */
async function ownerOfUsersTransfer(
  ctx: WebhookEventContext,
  transfer: DotsResource,
): Promise<Ownership> {
  const userId = str(transfer.user_id);
  const user = userId ? await ctx.owners.get('user', userId) : undefined;
  if (user?.relation !== 'owner')
    throw new OwnerNotKnown(`no owner recorded for transfer ${transfer.id}`);
  await ctx.store.recordOwner('transfer', transfer.id, user.owner);
  return { owner: user.owner, relation: 'owner' };
}

/**
 * `wallet.updated` for the owner of a completed transfer that moved money to or from their
 * own linked Dots user (the wallet is read from Dots for that user only).
 */
async function publishWallet(ctx: WebhookEventContext, owner: string, transfer: DotsResource) {
  const userId = str(transfer.user_id);
  if (!userId || userId !== (await ctx.store.getLinkedUser(owner))) return;
  const user = await ctx.refresh('users', userId);
  await ctx.events.publish(owner, 'wallet.updated', walletOf(user));
}
