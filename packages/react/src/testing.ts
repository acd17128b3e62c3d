/**
 * `@dotskit/react/testing`: an in-memory fake of the broker HTTP contract (see
 * {@link createFakeBroker}) for host apps' tests and stories.
 */

export { isFlowComplete } from '@dotskit/api/wire';
export type { ListPage, Wallet } from './seller-wire';
export type { FakeBrokerScope } from './testing/auth';
export { FAKE_BROKER_SCOPES } from './testing/auth';
export { createFakeBroker } from './testing/fake-broker';
export { PAYOUT_LINK_STATUSES, TRANSFER_STATUSES } from './testing/lists';
export type {
  AsPrincipal,
  FakeBroker,
  FakeBrokerOptions,
  FakeBrokerRequest,
  PushOption,
  TokenOptions,
} from './testing/types';
