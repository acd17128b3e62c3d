export type { DotsAppearance, DotsStyleVariable } from './appearance';
export type { BrokerConfig } from './broker-client';
export type { BrokerEventData, BrokerEventType } from './broker-events';
export { contrastRatio } from './contrast';
export { DotsFlow, type DotsFlowProps } from './dots-flow';
export { DotsError } from './errors';
export { type DotsMessages, defaultMessages } from './messages';
export { DotsProvider, type DotsProviderProps } from './provider';
export {
  type DotsFlowStatus,
  type DotsFlowStepEvent,
  type UseDotsFlowOptions,
  type UseDotsFlowResult,
  useDotsFlow,
} from './use-dots-flow';
export type {
  Flow,
  FlowStep,
  FlowStepName,
  PayoutBatch,
  PayoutBatchStatus,
  PayoutLink,
  PayoutLinkStatus,
  Transfer,
  TransferStatus,
} from './wire-types';
