import { isFlowComplete } from '@dotskit/api';
import type { DotsResource } from './dots-client';
import type { BrokerStore } from './store/ports';

/** Event types the broker writes to principals' streams. */
export type BrokerEventType =
  | 'flow.updated'
  | 'flow.completed'
  | 'payout_link.updated'
  | 'transfer.updated'
  | 'payout_batch.updated'
  | 'wallet.updated';

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
      if (
        isFlowComplete(flow as Parameters<typeof isFlowComplete>[0]) &&
        (await store.markOnce(`flow.completed:${flow.id}`))
      ) {
        await publish(owner, 'flow.completed', flow);
      }
    },
  };
}
