import type { ResourceByKind, ResourceKind } from './resources';
import type { SseFrame } from './sse';

/**
 * The event types the broker writes to a principal's `GET /events` stream. Dots sends no
 * "flow completed" webhook: the broker emits `flow.completed` itself, once, the first time
 * a flow's `completed_steps` covers its steps.
 */
export const BROKER_EVENT_TYPES = [
  'flow.updated',
  'flow.completed',
  'payout_link.updated',
  'transfer.updated',
  'payout_batch.updated',
] as const;
/** A broker event type. */
export type BrokerEventType = (typeof BROKER_EVENT_TYPES)[number];

/**
 * One event of the broker's stream, read from its frame:
 *
 * ```
 * id: 1042
 * event: payout_link.updated
 * data: {"id":"7f0c…","status":"claimed",…the full Dots object…}
 *
 * ```
 *
 * `id:` increases per stream (send the last one back as `Last-Event-ID` to resume),
 * `event:` is a {@link BrokerEventType}, `data:` one line of JSON: the resource as
 * `GET /<kind>/:id` returns it. Heartbeats are comments (`: ping`).
 */
export interface BrokerEvent<K extends ResourceKind = ResourceKind> {
  /** The frame's `id:` (a decimal string). */
  id: string | undefined;
  type: BrokerEventType;
  /** The kind of resource: the type's part before the dot. */
  kind: K;
  resource: ResourceByKind[K];
}

/** The resource kind an event type concerns (`payout_link.updated` → `payout_link`). */
export const brokerEventKind = (type: BrokerEventType): ResourceKind =>
  type.slice(0, type.indexOf('.')) as ResourceKind;

/**
 * Reads one frame of the broker's stream; `null` for anything else (an unknown event
 * type, data that is not a JSON object with a string `id`): a reader skips those.
 * Only the shape is checked, not every field: the broker forwards what Dots returned.
 */
export function parseBrokerEvent(frame: SseFrame): BrokerEvent | null {
  const type = frame.event as BrokerEventType;
  if (!BROKER_EVENT_TYPES.includes(type)) return null;
  let resource: unknown;
  try {
    resource = JSON.parse(frame.data);
  } catch {
    return null;
  }
  if (!resource || typeof (resource as { id?: unknown }).id !== 'string') return null;
  return {
    id: frame.id,
    type,
    kind: brokerEventKind(type),
    resource: resource as ResourceByKind[ResourceKind],
  };
}
