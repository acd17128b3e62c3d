import { isFlowComplete } from '@dotskit/api';
import type { Logger } from 'pino';
import type { DotsResource } from './dots-client';
import type { BrokerStore } from './store/types';
import type { Principal } from './types';

/** Event types the broker writes to principals' streams. */
export type BrokerEventType =
  | 'flow.updated'
  | 'flow.completed'
  | 'payout_link.updated'
  | 'transfer.updated'
  | 'payout_batch.updated';

/** "Happens once" markers ride on idempotency records that practically never expire. */
const ONCE_TTL_MS = 10 * 365 * 24 * 3600 * 1000;

/** Writes resource events to their owner's stream and derives `flow.completed` / user links. */
export interface Publisher {
  publish(owner: string, type: BrokerEventType, data: unknown): Promise<void>;
  /** `flow.updated`, plus `flow.completed` the first time the flow covers its steps. */
  publishFlow(owner: string, flow: DotsResource): Promise<void>;
  /** When the flow carries a `user_id` not yet linked to `owner`: link it and call `onUserLinked` once. */
  linkFlowUser(owner: string, flow: DotsResource): Promise<void>;
  /** Records owners of resources a resource points at (a payout link's flow and transfer). */
  adoptRelated(owner: string, resource: DotsResource): Promise<void>;
}

/** Creates the publisher over a store. */
export function createPublisher(
  store: BrokerStore,
  logger: Logger,
  onUserLinked?: (principal: Principal, dotsUserId: string) => void | Promise<void>,
): Publisher {
  const once = async (marker: string): Promise<boolean> => {
    const claim = await store.claimIdempotency(marker, 'once', ONCE_TTL_MS);
    if (claim.state !== 'claimed') return false;
    await store.completeIdempotency(marker, 200, null);
    return true;
  };

  const publish = async (owner: string, type: BrokerEventType, data: unknown) => {
    await store.appendEvent(owner, type, data);
  };

  return {
    publish,
    async publishFlow(owner, flow) {
      await publish(owner, 'flow.updated', flow);
      if (
        isFlowComplete(flow as Parameters<typeof isFlowComplete>[0]) &&
        (await once(`once:flow.completed:${flow.id}`))
      ) {
        await publish(owner, 'flow.completed', flow);
      }
    },
    async linkFlowUser(owner, flow) {
      const userId = flow.user_id;
      if (typeof userId !== 'string' || userId.length === 0) return;
      if ((await store.getLinkedUser(owner)) === userId) return;
      await store.recordOwner('user', userId, owner);
      await store.linkUser(owner, userId);
      if (onUserLinked && (await once(`once:user-linked:${owner}:${userId}`))) {
        try {
          await onUserLinked({ sub: owner, dotsUserId: userId, scopes: [] }, userId);
        } catch (err) {
          logger.error({ err, owner }, 'onUserLinked threw');
        }
      }
    },
    async adoptRelated(owner, resource) {
      const related: Array<['flow' | 'transfer', unknown]> = [
        ['flow', resource.flow_id],
        ['transfer', resource.transfer_id],
      ];
      for (const [kind, id] of related) {
        // Read first: most calls find the owner already recorded, and reads are cheaper than writes.
        if (typeof id === 'string' && id && (await store.getOwner(kind, id)) === undefined) {
          await store.recordOwner(kind, id, owner);
        }
      }
    },
  };
}
