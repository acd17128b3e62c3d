import { flowSchema } from '@dotskit/api';
import { isFlowComplete, type BrokerEventType as ResourceEventType } from '@dotskit/api/wire';
import type { DotsResource } from './dots-client';
import type { NewStreamEvent } from './store/commit-port';
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
  /** Appends `flowEvents(owner, flow)`, each `once` event only the first time. */
  publishFlow(owner: string, flow: DotsResource): Promise<void>;
}

/**
 * The events a flow's new state gives its owner: `flow.updated`, plus `flow.completed` once
 * per flow (its once-marker `flow.completed:<id>`) when the flow covers its steps.
 */
export function flowEvents(owner: string, flow: DotsResource): NewStreamEvent[] {
  const events: NewStreamEvent[] = [{ owner, type: 'flow.updated', data: flow }];
  // A body that is not a flow (a webhook's fallback object, say) is not a complete one.
  const parsed = flowSchema.safeParse(flow);
  if (parsed.success && isFlowComplete(parsed.data))
    events.push({ owner, type: 'flow.completed', data: flow, once: `flow.completed:${flow.id}` });
  return events;
}

/** Creates the event publisher over a store's event log and once-markers. */
export function createEventPublisher(store: BrokerStore): EventPublisher {
  const publish = async (owner: string, type: BrokerEventType, data: unknown) => {
    await store.appendEvent(owner, type, data);
  };
  return {
    publish,
    async publishFlow(owner, flow) {
      for (const event of flowEvents(owner, flow)) {
        if (event.once !== undefined && !(await store.markOnce(event.once))) continue;
        await store.appendEvent(event.owner, event.type, event.data);
      }
    },
  };
}
