import { RESOURCE_PATH, type ResourceKind } from './wire-types';

/**
 * # Wire format of the broker's `GET /events` stream (what this package expects)
 *
 * `text/event-stream`, UTF-8, one event per block, blocks separated by a blank line:
 *
 * ```
 * id: 1042
 * event: payout_link.updated
 * data: {"type":"payout_link.updated","resource_id":"7f0c…","resource":{…full Dots payout link…}}
 *
 * ```
 *
 * - `id:` a monotonically increasing event id (string). The client resends the last one
 *   it saw as the `Last-Event-ID` header when it reconnects; the broker replays what the
 *   principal missed after it.
 * - `event:` one of {@link BrokerEventType}. Must equal `data.type`.
 * - `data:` one line of JSON {@link BrokerEventData}: `type`, `resource_id` (the Dots id of
 *   the resource) and `resource`, the full Dots object as `GET /<kind>/:id` would return
 *   it (required; `resource.id` must equal `resource_id`). Events that do not match are
 *   ignored — polling still catches the change.
 * - Tolerated too: `data:` holding the bare Dots object (no `resource`), with the event type
 *   taken from the `event:` line and `resource_id` from the object's `id`.
 * - Comment lines (`: keep-alive`) and other fields (`retry:`) are ignored; the client
 *   reconnects with its own backoff (1 s doubling to 30 s, with jitter).
 * - Auth: `Authorization: Bearer <JWT>` header (read with fetch streaming, never a token
 *   in the URL). Only the principal's own resources are sent.
 */
export type BrokerEventType =
  | 'flow.updated'
  | 'flow.completed'
  | 'payout_link.updated'
  | 'transfer.updated'
  | 'payout_batch.updated';

/** The JSON in an event's `data:` line. */
export interface BrokerEventData {
  type: BrokerEventType;
  resource_id: string;
  resource: Record<string, unknown> & { id: string };
}

/** A validated event with the resource kind it concerns. */
export interface BrokerEvent extends BrokerEventData {
  kind: ResourceKind;
}

/**
 * Validates one event; anything malformed gives `null` (and is ignored). Also accepts a
 * bare Dots object as `data` with the type in the `event:` line.
 */
export function parseBrokerEvent(data: string, event?: string): BrokerEvent | null {
  try {
    let ev = JSON.parse(data);
    // A bare Dots object (a transfer has its own `type` field, so look for `resource`).
    if (!ev.resource) ev = { type: event, resource_id: ev.id, resource: ev };
    const kind = /^(\w+)\.(updated|completed)$/.exec(ev.type)?.[1];
    const id = ev.resource?.id;
    return kind &&
      Object.hasOwn(RESOURCE_PATH, kind) &&
      typeof id === 'string' &&
      id === ev.resource_id
      ? ({ ...ev, kind } as BrokerEvent)
      : null;
  } catch {
    return null;
  }
}

/**
 * Incremental `text/event-stream` parser: feed decoded text chunks (split anywhere) to the
 * returned function; `onMessage(data, lastId, event)` gets each complete event that has
 * data (data lines joined by `\n`). The last `id:` carries over to later events, as in
 * the EventSource spec. Other fields and comments are ignored.
 */
export function createSseParser(
  onMessage: (data: string, id: string | undefined, event: string | undefined) => void,
): (chunk: string) => void {
  let buf = '';
  let id: string | undefined;
  return (chunk) => {
    const blocks = (buf + chunk).replace(/\r\n?/g, '\n').split('\n\n');
    buf = blocks.pop()!;
    for (const block of blocks) {
      const data: string[] = [];
      let event: string | undefined;
      for (const [, field, value] of block.matchAll(/^(data|id|event): ?(.*)$/gm))
        if (field === 'id') id = value;
        else if (field === 'event') event = value;
        else data.push(value!);
      if (data.length) onMessage(data.join('\n'), id, event);
    }
  };
}
