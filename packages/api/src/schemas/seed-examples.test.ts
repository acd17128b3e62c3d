import { describe, expect, it } from 'vitest';
import * as seed from '../test-support/seed-examples';
import { appSchema } from './app';
import { createFlowBodySchema, flowSchema } from './flow';
import { createPayoutBodySchema } from './payout';
import { payoutBatchSchema } from './payout-batch';
import { createPayoutLinkBodySchema, payoutLinkSchema } from './payout-link';
import { createTransferBodySchema, transferSchema } from './transfer';
import { createUserBodySchema, userSchema } from './user';
import { webhookEventSchema } from './webhook-event';

describe('every response example in the seed docs parses', () => {
  it.each([
    ['flowManagePayouts', seed.flowManagePayouts],
    ['flowPayout', seed.flowPayout],
    ['flowCompliance', seed.flowCompliance],
    ['flowRetrieved', seed.flowRetrieved],
  ])('flow %s', (_name, body) => {
    const flow = flowSchema.parse(body);
    expect(flow.id).toBe(body.id);
    expect(flow.steps).toEqual(body.steps);
    expect(flow.metadata).toBeNull();
  });

  it('transfer with string amounts and an HTTP-date status history', () => {
    const t = transferSchema.parse(seed.transferBalance);
    expect(t.amount).toBe(-1000);
    expect(t.transactions?.[0]?.amount).toBe(1000);
    expect(t.status_history?.[0]?.timestamp).toBe('Thu, 11 Jul 2024 21:17:33 GMT');
  });

  it('payout response (a transfer)', () => {
    const t = transferSchema.parse(seed.payoutTransfer);
    expect(t).toMatchObject({ status: 'created', type: 'refill', amount: 1000 });
    expect(t.transactions?.[0]?.metadata).toBe('');
  });

  it('full payout link with nulls', () => {
    const full = payoutLinkSchema.parse(seed.payoutLinkFull);
    expect(full.payee?.email).toBeNull();
    expect(full.status).toBe('delivered');
  });

  it('full user', () => {
    expect(userSchema.parse(seed.userCreated).phone_number?.country_code).toBe('55');
  });

  // DOTS-FACTS: the guides' short forms are not what the API returns; the full objects
  // are. They lack fields every response carries, so they do not parse.
  it('the short forms (payout link {id, amount, status, url}, user {user_id}) are rejected', () => {
    const link = payoutLinkSchema.safeParse(seed.payoutLinkShort);
    expect(link.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['created', 'link']);
    const user = userSchema.safeParse(seed.userCreatedShort);
    expect(user.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['id', 'status']);
  });

  it('app and payout batch', () => {
    expect(appSchema.parse(seed.appCreated).organization_id).toBe('org_yyyyyyyyyyyyyy');
    expect(payoutBatchSchema.parse(seed.payoutBatch).items_failed).toBe(2);
  });

  it('request examples validate as request bodies', () => {
    expect(createUserBodySchema.safeParse(seed.createUserRequest).success).toBe(true);
    expect(createTransferBodySchema.safeParse(seed.createTransferRequest).success).toBe(true);
    expect(createPayoutLinkBodySchema.safeParse(seed.createPayoutLinkRequest).success).toBe(true);
    expect(createPayoutBodySchema.safeParse(seed.createPayoutRequest).success).toBe(true);
    expect(createFlowBodySchema.safeParse(seed.createFlowRequest).success).toBe(true);
  });

  it('webhook bodies resolve their type (the payout-link and transfer bodies: webhook-event.test.ts)', () => {
    expect(webhookEventSchema.parse(seed.webhookBodies.appUpdated).type).toBe('app.updated');
    expect(webhookEventSchema.parse(seed.webhookBodies.flowUpdated).type).toBe('flow.updated');
    expect(webhookEventSchema.parse(seed.webhookBodies.flowTransactionUpdated).type).toBe(
      'flow.transaction_updated',
    );
    expect(webhookEventSchema.parse(seed.webhookBodies.payoutLinkUpdated).type).toBe(
      'payout_link.updated',
    );
    expect(webhookEventSchema.parse(seed.webhookBodies.transferUpdated).type).toBe(
      'transfer.updated',
    );
  });
});
