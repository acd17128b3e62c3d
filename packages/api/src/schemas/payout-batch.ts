import { z } from 'zod';
import { PAYOUT_BATCH_STATUSES, type PayoutBatch } from '../wire/resources';
import {
  idempotencyKeySchema,
  metadataInputSchema,
  metadataSchema,
  timestampSchema,
  uuidSchema,
} from './common';
import { createPayoutBodySchema } from './payout';
import { transferStatusSchema } from './transfer';

/** Payout batch status: `created, processing, paying_out, completed`. */
export const payoutBatchStatusSchema = z.enum(PAYOUT_BATCH_STATUSES);

/**
 * A payout batch (`components.schemas.payout-batch-response`; `id`, `created`, `status`
 * required). The progress counters come from the seed docs, not v2.yaml.
 */
export const payoutBatchSchema = z.looseObject({
  id: z.string(),
  created: timestampSchema,
  status: payoutBatchStatusSchema,
  idempotency_key: z.string().nullish(),
  metadata: metadataSchema,
  items_processed: z.int().min(0).nullish(),
  items_succeeded: z.int().min(0).nullish(),
  items_failed: z.int().min(0).nullish(),
}) satisfies z.ZodType<PayoutBatch>;

/** One item of a batch request: a payout with a required `idempotency_key` and `fund: true`. */
export const payoutBatchRequestItemSchema = createPayoutBodySchema.extend({
  idempotency_key: uuidSchema,
  fund: z.literal(true, { message: 'All payouts in a batch must have fund=true' }),
});

/** Body of `POST /v2/payout-batches` (1 to 5000 items). */
export const createPayoutBatchBodySchema = z.object({
  items: z.array(payoutBatchRequestItemSchema).min(1).max(5000),
  idempotency_key: idempotencyKeySchema,
  metadata: metadataInputSchema.optional(),
});
/** Body of `POST /v2/payout-batches`. */
export type CreatePayoutBatchBody = z.infer<typeof createPayoutBatchBodySchema>;

/** Result for one item (`components.schemas.payout-batch-results-item`). */
export const payoutBatchResultItemSchema = z.looseObject({
  user_id: z.string(),
  idempotency_key: z.string(),
  metadata: metadataSchema,
  transfer: z.looseObject({ id: z.string(), status: transferStatusSchema }).nullish(),
  error_code: z.string().nullish(),
  error_message: z.string().nullish(),
  request: z.record(z.string(), z.unknown()).nullish(),
});
/** Result for one item of a payout batch. */
export type PayoutBatchResultItem = z.infer<typeof payoutBatchResultItemSchema>;

/** Response of `GET /v2/payout-batches/{id}/results`: the batch plus per-item results. */
export const payoutBatchResultSchema = payoutBatchSchema.extend({
  items: z.array(payoutBatchResultItemSchema),
});
/** A payout batch with per-item results. */
export type PayoutBatchResult = z.infer<typeof payoutBatchResultSchema>;
