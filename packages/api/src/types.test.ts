import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { components, operations } from './generated/dots-v2';
import type {
  App,
  CreatePayoutBody,
  CreateTransferBody,
  Flow,
  FlowStepName,
  flowSchema,
  PayoutBatch,
  PayoutLink,
  PayoutLinkStatus,
  payoutBatchSchema,
  payoutLinkSchema,
  Transaction,
  Transfer,
  TransferStatus,
  transactionSchema,
  transferSchema,
  User,
} from './index';

type S = components['schemas'];
/** A generated v2.yaml type with the fields every real response carries made required. */
type Always<T, K extends keyof T> = T & Required<Pick<T, K>>;
type RealTransaction = Always<S['transaction'], 'id' | 'amount' | 'created'>;
type RealTransfer = Omit<
  Always<S['transfer'], 'id' | 'created' | 'status' | 'type' | 'amount'>,
  'transactions'
> & { transactions?: RealTransaction[] };
// A plain assignment: expectTypeOf's deep check trips over the Omit & intersection above.
export const realTransferIsTransfer = (t: RealTransfer): Transfer => t;

// The types widen v2.yaml (null allowed for optional fields, zone-less timestamps,
// passthrough objects) and require what every real response carries (v2.yaml requires
// nothing): every generated object that has those fields must be accepted.
describe('resource types stay compatible with the generated v2.yaml types', () => {
  it('responses: generated (with the always-present fields) -> ours', () => {
    expectTypeOf<
      Always<S['flow'], 'id' | 'created' | 'link' | 'steps' | 'completed_steps'>
    >().toExtend<Flow>();
    expectTypeOf<RealTransaction>().toExtend<Transaction>();
    expectTypeOf<
      Always<S['payout-link'], 'id' | 'created' | 'link' | 'amount' | 'status'>
    >().toExtend<PayoutLink>();
    expectTypeOf<S['payout-batch-response']>().toExtend<PayoutBatch>();
    expectTypeOf<S['app']>().toExtend<App>();
    expectTypeOf<Always<S['user'], 'id' | 'status'>>().toExtend<User>();
  });

  it('the schemas produce the wire types', () => {
    expectTypeOf<z.output<typeof flowSchema>>().toExtend<Flow>();
    expectTypeOf<z.output<typeof payoutLinkSchema>>().toExtend<PayoutLink>();
    expectTypeOf<z.output<typeof transferSchema>>().toExtend<Transfer>();
    expectTypeOf<z.output<typeof payoutBatchSchema>>().toExtend<PayoutBatch>();
    expectTypeOf<z.output<typeof transactionSchema>>().toExtend<Transaction>();
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
