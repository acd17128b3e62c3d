import { flowSchema } from '@dotskit/api';
import { isFlowComplete, type BrokerEventType as ResourceEventType } from '@dotskit/api/wire';
import type { DotsResource } from './dots-client';
import type { BrokerStore } from './store/ports';

/**
 * Event types the broker writes to principals' streams: the resource events of
 * `@dotskit/api/wire` (data: the resource), and `wallet.updated` (data: the principal's
 * own wallet, `{ user_id, amount, withdrawable_amount, credit_balance }`, which has no `id`
 * and is not a resource).
 */
export type BrokerEventType = ResourceEventType | 'wallet.updated';

/** Writes resource events to their owner's stream. It writes nothing else. */
export interface EventPublisher {
  publish(owner: string, type: BrokerEventType, data: unknown): Promise<void>;
  /** `flow.updated`, plus `flow.completed` the first time the flow covers its steps. */
  publishFlow(owner: string, flow: DotsResource): Promise<void>;
}

/** Creates the event publisher over a store's event log and once-markers. */
export function createEventPublisher(store: BrokerStore): EventPublisher {
  const publish = async (owner: string, type: BrokerEventType, data: unknown) => {
    await store.appendEvent(owner, type, data);
  };
  return {
    publish,
    async publishFlow(owner, flow) {
      await publish(owner, 'flow.updated', flow);
      // A body that is not a flow (a webhook's fallback object, say) is not a complete one.
      const parsed = flowSchema.safeParse(flow);
      if (
        parsed.success &&
        isFlowComplete(parsed.data) &&
        (await store.markOnce(`flow.completed:${flow.id}`))
      ) {
        await publish(owner, 'flow.completed', flow);
      }
    },
  };
}
