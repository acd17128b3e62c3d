import { webhookEventSchema } from '@dotskit/api';
import { describe, expect, it } from 'vitest';
import { webhookJobType } from './receive';

const jobType = (body: unknown) => webhookJobType(webhookEventSchema.parse(body));
const FLOW = '7c22fd05-147e-48bb-b008-f48f24b76ea4';
const TRANSFER = 'c1d3ec40-e05e-4385-acd6-c587372c4c3a';

// The bodies as Dots sends them (DOTS-FACTS): payout_link.sent/claimed/paid_out carry the
// full payout link and no `event`; transfer.completed/failed carry `{transfer, transfer_id}`.
const link = {
  accounting_data: { quickbooks_account_id: null },
  amount: 123,
  claimed_user_id: null,
  created: '2024-07-11T12:31:33.479437',
  delivery: { country_code: null, email: null, method: 'link', phone_number: null },
  description: null,
  flow_id: FLOW,
  id: 'e5d5863a-498d-4551-a3dc-e31012503f23',
  link: `https://my-sandbox.dots.dev/flow/${FLOW}`,
  memo: null,
  metadata: null,
  payee: { country_code: null, email: null, first_name: null, last_name: null, phone_number: null },
  status: 'delivered',
  tax_exempt: false,
  transfer_id: TRANSFER,
};
const transfer = {
  id: TRANSFER,
  created: '2024-07-11T21:17:33.959976',
  status: 'completed',
  type: 'payout',
  amount: -123,
  user_id: 'f33919ae-6793-41bd-b512-1ad3c19f4ecb',
};

describe('webhookJobType', () => {
  it('a full payout link is a payout-link event, not one of its flow or transfer', () => {
    expect(jobType(link)).toBe('payout_link.sent');
    expect(jobType({ ...link, status: 'claimed' })).toBe('payout_link.updated');
    // paid_out / canceled bodies do not say which event they are: the link is still the subject.
    expect(jobType({ ...link, status: 'canceled', transfer_id: null })).toBe('payout_link.updated');
  });

  it('reads the bodies with `event`, and the type-less transfer, user and app bodies', () => {
    expect(jobType({ event: 'flow.updated', flow_id: FLOW })).toBe('flow.updated');
    expect(jobType({ event: 'payout_link.updated', payout_link_id: link.id })).toBe(
      'payout_link.updated',
    );
    expect(jobType({ transfer, transfer_id: TRANSFER })).toBe('transfer.completed');
    expect(jobType({ transfer: { ...transfer, status: 'pending' }, transfer_id: TRANSFER })).toBe(
      'transfer.updated',
    );
    expect(jobType({ user_id: transfer.user_id })).toBe('user.updated');
    expect(jobType({ app_id: 'a1' })).toBe('app.updated');
    expect(jobType({ event: 'refund.updated' })).toBe('refund.updated');
    expect(jobType({})).toBe('unknown');
  });

  it('a `type` field is not an event type (Dots sends none)', () => {
    expect(jobType({ type: 'flow.updated', transfer_id: TRANSFER })).toBe('transfer.updated');
  });
});
