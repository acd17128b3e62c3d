import { describe, expect, it } from 'vitest';
import { createSseParser, parseBrokerEvent } from './broker-events';

describe('SSE parser', () => {
  it('parses events split at any point, keeps the last id, joins data lines', () => {
    const text =
      ': hello\n\nid: 1\nevent: flow.updated\ndata: {"a":1}\n\nid: 2\r\ndata: line1\r\ndata: line2\r\n\r\ndata: no-id\n\nretry: 5000\ndata:x\n\n';
    for (let cut = 0; cut < text.length; cut += 7) {
      const got: [string, string | undefined, string | undefined][] = [];
      const feed = createSseParser((data, id, event) => got.push([data, id, event]));
      feed(text.slice(0, cut));
      feed(text.slice(cut));
      expect(got).toEqual([
        ['{"a":1}', '1', 'flow.updated'],
        ['line1\nline2', '2', undefined],
        ['no-id', '2', undefined],
        ['x', '2', undefined],
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
  it('also accepts a bare Dots object as data, typed by the event: line', () => {
    const flow = { id: 'f1', steps: ['payout'], completed_steps: [] };
    expect(parseBrokerEvent(JSON.stringify(flow), 'flow.updated')).toMatchObject({
      type: 'flow.updated',
      resource_id: 'f1',
      resource: flow,
      kind: 'flow',
    });
    const transfer = { id: 't1', type: 'payout', status: 'completed', amount: -100 };
    expect(parseBrokerEvent(JSON.stringify(transfer), 'transfer.updated')?.kind).toBe('transfer');
    expect(parseBrokerEvent(JSON.stringify(flow), 'user.updated')).toBeNull();
    expect(parseBrokerEvent(JSON.stringify(flow))).toBeNull();
    expect(parseBrokerEvent(JSON.stringify({ steps: [] }), 'flow.updated')).toBeNull();
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
