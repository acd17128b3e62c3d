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

const KIND_BY_TYPE: Record<BrokerEventType, ResourceKind> = {
  'flow.updated': 'flow',
  'flow.completed': 'flow',
  'payout_link.updated': 'payout_link',
  'transfer.updated': 'transfer',
  'payout_batch.updated': 'payout_batch',
};

/** Validates one `data:` payload; anything malformed gives `null` (and is ignored). */
export function parseBrokerEvent(data: string, id?: string): BrokerEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  if (!json || typeof json !== 'object') return null;
  const { type, resource_id, resource } = json as Record<string, unknown>;
  const kind = KIND_BY_TYPE[type as BrokerEventType];
  if (!kind || !Object.hasOwn(KIND_BY_TYPE, type as string)) return null;
  if (typeof resource_id !== 'string' || !resource_id) return null;
  const ok =
    resource === undefined ||
    (!!resource &&
      typeof resource === 'object' &&
      (resource as { id?: unknown }).id === resource_id);
  if (!ok) return null;
  return { type, resource_id, resource, kind, id } as BrokerEvent;
}

/** A raw server-sent event. */
export interface SseMessage {
  id?: string;
  event: string;
  data: string;
  retry?: number;
}

/**
 * Incremental `text/event-stream` parser: feed decoded text chunks (split anywhere) to the
 * returned function; `onMessage` gets each complete event.
 */
export function createSseParser(onMessage: (msg: SseMessage) => void): (chunk: string) => void {
  let buf = '';
  let data: string[] = [];
  let event = '';
  let id: string | undefined;
  let retry: number | undefined;
  return (chunk) => {
    buf += chunk;
    const lines = buf.split(/\r\n|\r|\n/);
    buf = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (data.length) onMessage({ id, event: event || 'message', data: data.join('\n'), retry });
        data = [];
        event = '';
        retry = undefined;
        continue;
      }
      if (line.startsWith(':')) continue;
      const i = line.indexOf(':');
      const field = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
      else if (field === 'id' && !value.includes('\0')) id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
    }
  };
}
