import type { ResourceKind } from './wire-types';

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
 *   it. `resource` may be omitted (e.g. when the broker only knows the id); the client
 *   then re-fetches that resource.
 * - Comment lines (`: keep-alive`) are ignored; a `retry:` line sets the reconnect delay.
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
  resource?: Record<string, unknown> & { id: string };
}

/** A validated event with the resource kind it concerns. */
export interface BrokerEvent extends BrokerEventData {
  kind: ResourceKind;
  id?: string;
}

/** Validates one `data:` payload; anything malformed gives `null` (and is ignored). */
export function parseBrokerEvent(data: string, id?: string): BrokerEvent | null {
  try {
    const ev = JSON.parse(data) as BrokerEvent;
    const kind = /^(flow|payout_link|transfer|payout_batch)\.(updated|completed)$/.exec(
      ev.type,
    )?.[1];
    const r = ev.resource;
    return kind &&
      typeof ev.resource_id === 'string' &&
      (r === undefined || r?.id === ev.resource_id)
      ? { ...ev, kind: kind as ResourceKind, id }
      : null;
  } catch {
    return null;
  }
}

/** A raw server-sent event (the `event:` line is not kept: `data.type` names the event). */
export interface SseMessage {
  id?: string;
  data: string;
  retry?: number;
}

/**
 * Incremental `text/event-stream` parser: feed decoded text chunks (split anywhere) to the
 * returned function; `onMessage` gets each complete event that has data. The last `id:`
 * carries over to later events, as in the EventSource spec.
 */
export function createSseParser(onMessage: (msg: SseMessage) => void): (chunk: string) => void {
  let buf = '';
  let id: string | undefined;
  return (chunk) => {
    const blocks = (buf + chunk).replace(/\r\n?/g, '\n').split('\n\n');
    buf = blocks.pop()!;
    for (const block of blocks) {
      const data: string[] = [];
      let retry: number | undefined;
      for (const [, field, value] of block.matchAll(/^([^:\n]*):? ?(.*)$/gm))
        if (field === 'data') data.push(value!);
        else if (field === 'id') id = value;
        else if (field === 'retry' && /^\d+$/.test(value!)) retry = +value!;
      if (data.length) onMessage({ id, data: data.join('\n'), retry });
    }
  };
}
