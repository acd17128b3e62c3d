import { describe, expect, it } from 'vitest';
import { payoutLinkFull } from '../test-support/seed-examples';
import { webhookEventSchema } from './webhook-event';

const ID = 'ed0e9b81-de07-41b6-ad99-e0b51b412df1';

describe('webhookEventSchema', () => {
  it('takes the type from `event` and keeps the body', () => {
    const e = webhookEventSchema.parse({ event: 'transfer.updated', transfer_id: ID });
    expect(e).toEqual({ event: 'transfer.updated', transfer_id: ID, type: 'transfer.updated' });
  });

  it('a known `type` field wins (an envelope that already names the Svix event type)', () => {
    expect(webhookEventSchema.parse({ type: 'user.updated.ide_verified', user_id: ID }).type).toBe(
      'user.updated.ide_verified',
    );
  });

  it('infers the type of bodies without `event` where the shape is unambiguous', () => {
    expect(webhookEventSchema.parse({ app_id: ID }).type).toBe('app.updated');
    expect(
      webhookEventSchema.parse({ transfer_id: ID, transfer: { id: ID, status: 'completed' } }).type,
    ).toBe('transfer.completed');
    expect(
      webhookEventSchema.parse({ transfer_id: ID, transfer: { id: ID, status: 'failed' } }).type,
    ).toBe('transfer.failed');
    expect(webhookEventSchema.parse({ ...payoutLinkFull, status: 'claimed' }).type).toBe(
      'payout_link.claimed',
    );
    expect(webhookEventSchema.parse({ ...payoutLinkFull, status: 'sent' }).type).toBe(
      'payout_link.sent',
    );
  });

  it('leaves the type null when the body cannot tell', () => {
    expect(webhookEventSchema.parse({ user_id: ID }).type).toBeNull();
    expect(webhookEventSchema.parse({ event: 'something.new', x: 1 })).toEqual({
      event: 'something.new',
      x: 1,
      type: null,
    });
  });

  it('rejects non-objects', () => {
    expect(webhookEventSchema.safeParse('flow.updated').success).toBe(false);
    expect(webhookEventSchema.safeParse(null).success).toBe(false);
  });
});
