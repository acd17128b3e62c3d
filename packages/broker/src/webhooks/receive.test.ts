import { describe, expect, it } from 'vitest';
import { webhookEventType } from './receive';

// Dots' payout_link.* bodies are the full payout link, without an `event` field; it carries
// `flow_id` and (from creation on) `transfer_id` too.
describe('webhookEventType', () => {
  it('reads a full payout link as payout_link.updated, not as its flow or transfer', () => {
    const link = {
      id: 'e5d5863a-498d-4551-a3dc-e31012503f23',
      link: 'https://my-sandbox.dots.dev/flow/7c22fd05-147e-48bb-b008-f48f24b76ea4',
      amount: 123,
      status: 'delivered',
      flow_id: '7c22fd05-147e-48bb-b008-f48f24b76ea4',
      transfer_id: 'c1d3ec40-e05e-4385-acd6-c587372c4c3a',
    };
    expect(webhookEventType(link)).toBe('payout_link.updated');
  });

  it('still reads the short bodies by their ids, and an explicit event first', () => {
    expect(webhookEventType({ flow_id: 'f' })).toBe('flow.updated');
    expect(webhookEventType({ transfer: {}, transfer_id: 't' })).toBe('transfer.updated');
    expect(webhookEventType({ event: 'payout_link.updated', payout_link_id: 'p' })).toBe(
      'payout_link.updated',
    );
    expect(webhookEventType({ type: 'transfer.failed', transfer_id: 't' })).toBe('transfer.failed');
  });
});
