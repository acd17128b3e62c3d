import type * as Api from '@dotskit/api';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  Flow,
  FlowStepName,
  PayoutBatchStatus,
  PayoutLinkStatus,
  TransferStatus,
} from './wire-types';
import { isFlowComplete } from './wire-types';

// Compile-time: every flow we read is a valid @dotskit/api flow.
export const asApiFlow = (f: Flow): Api.Flow => f;

describe('wire types', () => {
  it('match @dotskit/api (our objects are valid api objects; enums are identical)', () => {
    expectTypeOf<FlowStepName>().toEqualTypeOf<Api.FlowStepName>();
    expectTypeOf<PayoutLinkStatus>().toEqualTypeOf<Api.PayoutLinkStatus>();
    expectTypeOf<TransferStatus>().toEqualTypeOf<Api.TransferStatus>();
    expectTypeOf<PayoutBatchStatus>().toEqualTypeOf<Api.PayoutBatchStatus>();
  });

  it('isFlowComplete: completed_steps must cover steps (string or object steps)', () => {
    const f = (steps: Flow['steps'], done: FlowStepName[]) =>
      isFlowComplete({ steps, completed_steps: done });
    if (!f(['payout'], ['payout'])) throw new Error('complete');
    if (
      !f([{ name: 'manage-payouts', hide_continue_button: true }], ['compliance', 'manage-payouts'])
    )
      throw new Error('object step');
    if (f(['compliance', 'payout'], ['payout'])) throw new Error('partial');
    if (f([], [])) throw new Error('empty');
  });
});
