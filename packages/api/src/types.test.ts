import { describe, expectTypeOf, it } from 'vitest';
import type { components, operations } from './generated/dots-v2';
import type {
  App,
  CreatePayoutBody,
  CreateTransferBody,
  Flow,
  FlowStepName,
  PayoutBatch,
  PayoutLink,
  PayoutLinkStatus,
  Transaction,
  Transfer,
  TransferStatus,
  User,
} from './index';

type S = components['schemas'];

// The zod types widen v2.yaml (null allowed for optional fields, zone-less timestamps,
// passthrough objects): everything the generated types describe must be accepted.
describe('zod types stay compatible with the generated v2.yaml types', () => {
  it('responses: generated -> zod', () => {
    expectTypeOf<S['flow']>().toExtend<Flow>();
    expectTypeOf<S['transfer']>().toExtend<Transfer>();
    expectTypeOf<S['transaction']>().toExtend<Transaction>();
    expectTypeOf<S['payout-link']>().toExtend<PayoutLink>();
    expectTypeOf<S['payout-batch-response']>().toExtend<PayoutBatch>();
    expectTypeOf<S['app']>().toExtend<App>();
    expectTypeOf<S['user']>().toExtend<User>();
  });

  it('enums are identical', () => {
    expectTypeOf<NonNullable<S['flow']['steps']>[number]>().toEqualTypeOf<FlowStepName>();
    expectTypeOf<NonNullable<S['transfer']['status']>>().toEqualTypeOf<TransferStatus>();
    expectTypeOf<Exclude<PayoutLinkStatus, 'funds_pending'>>().toEqualTypeOf<
      NonNullable<S['payout-link']['status']>
    >();
  });

  it('request bodies: zod -> generated', () => {
    expectTypeOf<Omit<CreatePayoutBody, 'metadata'>>().toExtend<
      Omit<S['payout-create-request'], 'metadata'>
    >();
    type TransferRequest = NonNullable<
      operations['create-transfer']['requestBody']
    >['content']['application/json'];
    expectTypeOf<Omit<CreateTransferBody, 'metadata'>>().toExtend<
      Omit<TransferRequest, 'metadata'>
    >();
  });
});
