import { describe, expect, it } from 'vitest';
import { createSseParser, parseBrokerEvent } from './broker-events';

describe('SSE parser', () => {
  it('parses events split at any point, keeps the last id, joins data lines', () => {
    const text =
      ': hello\n\nid: 1\nevent: flow.updated\ndata: {"a":1}\n\nid: 2\r\ndata: line1\r\ndata: line2\r\n\r\ndata: no-id\n\nretry: 5000\ndata:x\n\n';
    for (let cut = 0; cut < text.length; cut += 7) {
      const got: [string, string | undefined][] = [];
      const feed = createSseParser((data, id) => got.push([data, id]));
      feed(text.slice(0, cut));
      feed(text.slice(cut));
      expect(got).toEqual([
        ['{"a":1}', '1'],
        ['line1\nline2', '2'],
        ['no-id', '2'],
        ['x', '2'],
      ]);
    }
  });
});

describe('broker event validation', () => {
  const resource = { id: 'f1', steps: [] };
  it('accepts the documented shape', () => {
    const data = JSON.stringify({ type: 'flow.completed', resource_id: 'f1', resource });
    expect(parseBrokerEvent(data)).toEqual({
      type: 'flow.completed',
      resource_id: 'f1',
      resource,
      kind: 'flow',
    });
    const batch = { type: 'payout_batch.updated', resource_id: 'b', resource: { id: 'b' } };
    expect(parseBrokerEvent(JSON.stringify(batch))?.kind).toBe('payout_batch');
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
    JSON.stringify({ type: 'flow.updated', resource_id: 'f1' }),
    JSON.stringify({ type: 'constructor.updated', resource_id: 'f1', resource: { id: 'f1' } }),
  ])('rejects %s', (data) => {
    expect(parseBrokerEvent(data)).toBeNull();
  });
});
