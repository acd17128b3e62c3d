import { describe, expect, it } from 'vitest';
import { BROKER_EVENT_TYPES, brokerEventKind, parseBrokerEvent } from './events';

const frame = (event: string, data: string) => ({ id: '3', event, data });

describe('broker events', () => {
  it('each type names its resource kind', () => {
    expect(BROKER_EVENT_TYPES.map(brokerEventKind)).toEqual([
      'flow',
      'flow',
      'payout_link',
      'transfer',
      'payout_batch',
    ]);
  });

  it('reads a frame: the type from `event:`, the resource from `data:`', () => {
    const link = { id: 'pl1', status: 'claimed', link: 'https://x/flow/f', amount: 5 };
    expect(parseBrokerEvent(frame('payout_link.updated', JSON.stringify(link)))).toEqual({
      id: '3',
      type: 'payout_link.updated',
      kind: 'payout_link',
      resource: link,
    });
  });

  it('skips unknown types, non-JSON data and resources without a string id', () => {
    expect(parseBrokerEvent(frame('flow.deleted', '{"id":"f"}'))).toBeNull();
    expect(parseBrokerEvent(frame('message', '{"id":"f"}'))).toBeNull();
    expect(parseBrokerEvent(frame('flow.updated', '{"id":'))).toBeNull();
    expect(parseBrokerEvent(frame('flow.updated', '{"id":1}'))).toBeNull();
    expect(parseBrokerEvent(frame('flow.updated', 'null'))).toBeNull();
  });
});
