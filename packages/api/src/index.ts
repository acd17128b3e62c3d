// Public API of @dotskit/api. Nothing else is public. The resource types, rules and
// formats the packages share live in `@dotskit/api/wire` (no dependencies) and are
// re-exported here, so a server imports one place.

export { createDotsClient } from './client/create-client';
export { FETCH_TIMEOUT_MS } from './client/fetch-timeout';
export type {
  DotsClient,
  DotsClientOptions,
  DotsListable,
  DotsLogger,
  DotsQuery,
  DotsRawRequestOptions,
  DotsRequestOptions,
  PayoutBatchResultsParams,
  TransferListParams,
  UserListParams,
} from './client/types';
export type {
  DotsClientErrorCode,
  DotsErrorDetails,
  DotsErrorOptions,
  DotsHttpMethod,
} from './errors';
export { DotsError } from './errors';
export type {
  components as DotsComponents,
  operations as DotsOperations,
  paths as DotsPaths,
} from './generated/dots-v2';
export type { App, CreateAppBody } from './schemas/app';
export { appSchema, createAppBodySchema } from './schemas/app';
export type { DotsPage, ListParams } from './schemas/common';
export {
  amountSchema,
  listParamsSchema,
  metadataSchema,
  nullableIdempotencyKeySchema,
  pageSchema,
  timestampSchema,
  uuidSchema,
} from './schemas/common';
export type { DotsErrorBody, DotsErrorCode } from './schemas/error';
export {
  DOTS_ERROR_CODES,
  dotsErrorBodySchema,
  dotsErrorCode,
  dotsErrorMessage,
} from './schemas/error';
export type { CreateFlowBody } from './schemas/flow';
export {
  createFlowBodySchema,
  flowSchema,
  flowStepNameSchema,
  flowStepObjectSchema,
  flowStepSchema,
} from './schemas/flow';
export type { CreatePayoutBody, SendPayoutBody } from './schemas/payout';
export {
  createPayoutBodySchema,
  payoutPlatformSchema,
  sendPayoutBodySchema,
} from './schemas/payout';
export type {
  CreatePayoutBatchBody,
  PayoutBatchResult,
  PayoutBatchResultItem,
} from './schemas/payout-batch';
export {
  createPayoutBatchBodySchema,
  payoutBatchRequestItemSchema,
  payoutBatchResultItemSchema,
  payoutBatchResultSchema,
  payoutBatchSchema,
  payoutBatchStatusSchema,
} from './schemas/payout-batch';
export type {
  CreatePayoutLinkBody,
  RedeliverPayoutLinkResult,
} from './schemas/payout-link';
export {
  createPayoutLinkBodySchema,
  payoutLinkSchema,
  payoutLinkStatusSchema,
  redeliverPayoutLinkResultSchema,
} from './schemas/payout-link';
export { transactionSchema } from './schemas/transaction';
export type {
  CreateTransferBody,
  TransactionWithTransfer,
} from './schemas/transfer';
export {
  createTransferBodySchema,
  transactionWithTransferSchema,
  transferSchema,
  transferStatusSchema,
  transferTypeSchema,
} from './schemas/transfer';
export type {
  CreateUserBody,
  PaymentMethod,
  UpdateUserBody,
  User,
} from './schemas/user';
export {
  createUserBodySchema,
  paymentMethodSchema,
  railSchema,
  updateUserBodySchema,
  userSchema,
  userStatusSchema,
  walletSchema,
} from './schemas/user';
export type {
  AddPayoutMethodBody,
  AddPayoutMethodResult,
  AddUserAddressBody,
  SendVerificationTokenBody,
  SubmitComplianceBody,
  VerifyUserBody,
} from './schemas/user-actions';
export {
  addPayoutMethodBodySchema,
  addPayoutMethodResultSchema,
  addUserAddressBodySchema,
  sendVerificationTokenBodySchema,
  submitComplianceBodySchema,
  verifyUserBodySchema,
  w8benSchema,
  w9Schema,
} from './schemas/user-actions';
export type { WebhookEvent, WebhookEventType } from './schemas/webhook-event';
export { webhookEventSchema, webhookEventTypeSchema } from './schemas/webhook-event';
export * from './wire/index';
