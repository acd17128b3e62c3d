// The wire types the components and hooks speak, as `@dotskit/api/wire` defines them.
export type {
  BrokerEvent,
  BrokerEventType,
  Flow,
  FlowStep,
  FlowStepName,
  PayoutBatch,
  PayoutBatchStatus,
  PayoutLink,
  PayoutLinkStatus,
  Transfer,
  TransferStatus,
} from '@dotskit/api/wire';
export type { DotsAppearance, DotsStyleVariable } from './appearance';
export type { BrokerConfig } from './broker-client';
export { DotsFlow, type DotsFlowProps } from './dots-flow';
export { DotsWidgetError, type DotsWidgetErrorCode } from './errors';
export {
  type DotsMessages,
  flowMessages,
  historyMessages,
  payoutMessages,
  statusMessages,
  walletMessages,
} from './messages';
export {
  PayoutHistory,
  type PayoutHistoryProps,
  type PayoutHistoryRow,
} from './payout-history';
export { PayoutLinkButton, type PayoutLinkButtonProps } from './payout-link-button';
export { PayoutStatus, type PayoutStatusProps } from './payout-status';
export { DotsProvider, type DotsProviderProps } from './provider';
export type {
  HistoryItem,
  HistoryKind,
  HistoryStatus,
  ListPage,
  Wallet,
} from './seller-wire';
export type { PayoutStatusTone, ResourceStatus } from './status-model';
export {
  type DotsFlowStatus,
  type DotsFlowStepEvent,
  type UseDotsFlowOptions,
  type UseDotsFlowResult,
  useDotsFlow,
} from './use-dots-flow';
export {
  type UsePayoutHistoryOptions,
  type UsePayoutHistoryResult,
  usePayoutHistory,
} from './use-payout-history';
export {
  type PayoutLinkMode,
  type PayoutLinkState,
  type UsePayoutLinkOptions,
  type UsePayoutLinkResult,
  usePayoutLink,
} from './use-payout-link';
export {
  type PayoutStatusTarget,
  type PayoutStatusValue,
  type UsePayoutStatusOptions,
  usePayoutStatus,
} from './use-payout-status';
export { type UseWalletOptions, type UseWalletResult, useWallet } from './use-wallet';
export { WalletBalance, type WalletBalanceProps } from './wallet-balance';
