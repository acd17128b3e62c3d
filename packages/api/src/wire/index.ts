// `@dotskit/api/wire`: what the packages say to each other, with no dependencies — the
// resource types and their unions, the broker's events and stream format, the flow rules,
// environment checks and the error convention. Everything here is a type or a small pure
// function, so a browser bundle pays only for what it calls.

export type { DotsEnvironment } from './environment';
export {
  DOTS_ENVIRONMENTS,
  dotsEnvironmentFromString,
  dotsEnvironmentProblem,
  insecureUrlReason,
  isLoopbackHost,
  resolveBaseUrl,
} from './environment';
export type { BrokerErrorBody, BrokerErrorCode, DotskitErrorOptions } from './errors';
export { BROKER_ERROR_STATUS, DOTSKIT_PREFIX, dotskitMessage } from './errors';
export type { BrokerEvent, BrokerEventType } from './events';
export { BROKER_EVENT_TYPES, brokerEventKind, parseBrokerEvent } from './events';
export {
  FLOW_LINK_TTL_MS,
  flowExpiresAt,
  flowStepName,
  isFlowComplete,
  isFlowStepName,
  parseDotsTime,
} from './flow';
export type {
  DotsMetadata,
  Flow,
  FlowStep,
  FlowStepName,
  PayoutBatch,
  PayoutBatchStatus,
  PayoutLink,
  PayoutLinkDeliveryMethod,
  PayoutLinkStatus,
  ResourceByKind,
  ResourceKind,
  Transaction,
  Transfer,
  TransferStatus,
  TransferType,
  UserStatus,
} from './resources';
export {
  FLOW_STEP_NAMES,
  PAYOUT_BATCH_STATUSES,
  PAYOUT_LINK_STATUSES,
  TRANSACTION_TYPES,
  TRANSFER_STATUSES,
  TRANSFER_TYPES,
  USER_STATUSES,
} from './resources';
export type { SseFrame } from './sse';
export { createSseParser, formatSseFrame } from './sse';
