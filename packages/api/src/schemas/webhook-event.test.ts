import { describe, expect, it } from 'vitest';
import {
  payoutLinkFull,
  payoutTransfer,
  transferBalance,
  webhookBodies,
} from '../test-support/seed-examples';
import { webhookEventSchema } from './webhook-event';

const ID = 'ed0e9b81-de07-41b6-ad99-e0b51b412df1';
const parse = (body: unknown) => webhookEventSchema.parse(body);

// Every body here is in a shape Dots sends (DOTS-FACTS, the seed's webhook reference).
describe('webhookEventSchema', () => {
  it('takes the type from `event`, the subject from its id field, and keeps the body', () => {
    expect(parse(webhookBodies.transferUpdated)).toEqual({
      body: webhookBodies.transferUpdated,
      type: 'transfer.updated',
      subject: { kind: 'transfer', id: webhookBodies.transferUpdated.transfer_id },
    });
    expect(parse(webhookBodies.flowTransactionUpdated)).toMatchObject({
      type: 'flow.transaction_updated',
      subject: { kind: 'flow', id: webhookBodies.flowTransactionUpdated.flow_id },
    });
    expect(parse(webhookBodies.payoutLinkUpdated).subject).toEqual({
      kind: 'payout_link',
      id: webhookBodies.payoutLinkUpdated.payout_link_id,
    });
  });

  it('reads the type-less bodies by their shape', () => {
    expect(parse(webhookBodies.appUpdated)).toMatchObject({
      type: 'app.updated',
      subject: { kind: 'app', id: webhookBodies.appUpdated.app_id },
    });
    const completed = { transfer: transferBalance, transfer_id: transferBalance.id };
    expect(parse(completed)).toMatchObject({
      type: 'transfer.completed',
      subject: { kind: 'transfer', id: transferBalance.id },
    });
    const failed = { transfer: { ...payoutTransfer, status: 'failed' }, transfer_id: ID };
    expect(parse(failed).type).toBe('transfer.failed');
    expect(parse({ user_id: ID })).toMatchObject({
      type: null, // user.updated.background_check, .ide_verified and .payout_method look alike
      subject: { kind: 'user', id: ID },
    });
  });

  it('a full payout link is about itself (not its flow or transfer), null transfer_id included', () => {
    // payout_link.claimed and payout_link.paid_out both carry a claimed link: no type.
    expect(parse({ ...payoutLinkFull, status: 'claimed' })).toMatchObject({
      type: null,
      subject: { kind: 'payout_link', id: payoutLinkFull.id },
    });
    expect(parse(payoutLinkFull).type).toBe('payout_link.sent'); // `delivered`
    // Before its payout a link may have no transfer: Dots sends `transfer_id: null`.
    const unpaid = { ...payoutLinkFull, status: 'created', transfer_id: null, flow_id: null };
    expect(parse(unpaid)).toEqual({
      body: unpaid,
      type: null, // created/canceled/paid_out bodies do not say which event they are
      subject: { kind: 'payout_link', id: payoutLinkFull.id },
    });
  });

  it('does not take a `type` field for the event type (Dots sends none)', () => {
    expect(parse({ type: 'transfer.failed', transfer_id: ID }).type).toBeNull();
  });

  it('an unknown `event` gives type null, its id still the subject', () => {
    expect(parse({ event: 'something.new', flow_id: ID })).toEqual({
      body: { event: 'something.new', flow_id: ID },
      type: null,
      subject: { kind: 'flow', id: ID },
    });
    expect(parse({ event: 'payment_intent.updated' })).toMatchObject({ subject: null });
  });

  it('rejects what Dots never sends: non-objects, non-string ids, a transfer that is not one', () => {
    for (const bad of [
      'flow.updated',
      null,
      [],
      { event: 'flow.updated', flow_id: 42 },
      { event: 'flow.updated', flow_id: '' },
      { transfer: { id: ID }, transfer_id: ID },
    ])
      expect(webhookEventSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});
