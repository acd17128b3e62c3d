/**
 * The wire types and rules this package reads, as `@dotskit/api/wire` defines them: a
 * re-export kept so that `src/testing/**` (the fake broker) compiles while it still
 * imports from here. Package code imports `@dotskit/api/wire` directly.
 */
import type { PayoutBatch as WirePayoutBatch } from '@dotskit/api/wire';

export type {
  Flow,
  FlowStep,
  FlowStepName,
  PayoutBatchStatus,
  PayoutLink,
  PayoutLinkStatus,
  ResourceByKind,
  ResourceKind,
  Transfer,
  TransferStatus,
} from '@dotskit/api/wire';
export { flowStepName as stepName, isFlowComplete } from '@dotskit/api/wire';

/**
 * The wire's payout batch with `created` optional: the fake broker still makes batches
 * without one. Becomes a plain re-export once it sets `created` as Dots does.
 */
export type PayoutBatch = Omit<WirePayoutBatch, 'created'> & { created?: string };
