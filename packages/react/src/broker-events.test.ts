import { describe, expect, it } from 'vitest';
import { createSseParser, parseBrokerEvent, type SseMessage } from './broker-events';

describe('SSE parser', () => {
  it('parses events split at any point, keeps the last id, joins data lines', () => {
    const text =
      ': hello\n\nid: 1\nevent: flow.updated\ndata: {"a":1}\n\nid: 2\r\ndata: line1\r\ndata: line2\r\n\r\ndata: no-id\n\nretry: 5000\ndata: x\n\n';
    for (let cut = 0; cut < text.length; cut += 7) {
      const got: SseMessage[] = [];
      const feed = createSseParser((m) => got.push(m));
      feed(text.slice(0, cut));
      feed(text.slice(cut));
      expect(got).toEqual([
        { id: '1', data: '{"a":1}', retry: undefined },
        { id: '2', data: 'line1\nline2', retry: undefined },
        { id: '2', data: 'no-id', retry: undefined },
        { id: '2', data: 'x', retry: 5000 },
      ]);
    }
  });
});

describe('broker event validation', () => {
  const resource = { id: 'f1', steps: [] };
  it('accepts the documented shape', () => {
    expect(
      parseBrokerEvent(
        JSON.stringify({ type: 'flow.completed', resource_id: 'f1', resource }),
        '9',
      ),
    ).toEqual({
      type: 'flow.completed',
      resource_id: 'f1',
      resource,
      kind: 'flow',
      id: '9',
    });
    expect(
      parseBrokerEvent(JSON.stringify({ type: 'payout_batch.updated', resource_id: 'b' }))?.kind,
    ).toBe('payout_batch');
  });
  it.each([
    'nope',
    'null',
    '42',
    JSON.stringify({ type: 'user.updated', resource_id: 'f1' }),
    JSON.stringify({ type: 'toString', resource_id: 'f1' }),
    JSON.stringify({ type: 'flow.updated' }),
    JSON.stringify({ type: 'flow.updated', resource_id: 7 }),
    JSON.stringify({ type: 'flow.updated', resource_id: 'f1', resource: { id: 'f2' } }),
    JSON.stringify({ type: 'flow.updated', resource_id: 'f1', resource: null }),
  ])('rejects %s', (data) => {
    expect(parseBrokerEvent(data)).toBeNull();
  });
});
