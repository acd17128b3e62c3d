import { z } from 'zod';
import { TRANSFER_STATUSES, TRANSFER_TYPES, type Transfer } from '../wire/resources';
import {
  amountSchema,
  centsSchema,
  metadataInputSchema,
  metadataSchema,
  nullableIdempotencyKeySchema,
  timestampSchema,
  uuidSchema,
} from './common';
import { transactionSchema } from './transaction';

/** Transfer status: `created, pending, failed, completed, reversed, canceled, flagged`. */
export const transferStatusSchema = z.enum(TRANSFER_STATUSES);

/** Transfer type: `refill, payout, balance, payment, settlement, payable`. */
export const transferTypeSchema = z.enum(TRANSFER_TYPES);

/**
 * A transfer (`components.schemas.transfer`); a payout is a transfer too.
 * `amount` is in cents, negative = from the app to a user; numeric strings are parsed.
 * v2.yaml requires nothing; what every real response carries is required here (`id`,
 * `created`, `status`, `type`, `amount`).
 */
export const transferSchema = z.looseObject({
  id: z.string(),
  created: timestampSchema,
  user_id: z.string().nullish(),
  status: transferStatusSchema,
  type: transferTypeSchema,
  amount: amountSchema,
  external_data: z
    .looseObject({
      account_id: z.string().nullish(),
      external_id: z.string().nullish(),
      platform: z.string().nullish(),
    })
    .nullish(),
  transactions: z.array(transactionSchema).nullish(),
  payout_link_id: z.string().nullish(),
  metadata: metadataSchema,
  status_history: z
    .array(z.looseObject({ status: transferStatusSchema, timestamp: timestampSchema }))
    .nullish(),
}) satisfies z.ZodType<Transfer>;

/** Body of `POST /v2/transfers`. */
export const createTransferBodySchema = z.object({
  amount: centsSchema.refine((n) => n !== 0, { message: 'Amount must not be zero' }),
  user_id: uuidSchema,
  tax_exempt: z.boolean().nullish(),
  idempotency_key: nullableIdempotencyKeySchema,
  metadata: metadataInputSchema.nullish(),
});
/** Body of `POST /v2/transfers`. */
export type CreateTransferBody = z.infer<typeof createTransferBodySchema>;

/** A transaction as `GET /v2/transactions?include_transfer=true` lists it: with its `transfer`. */
export const transactionWithTransferSchema = transactionSchema.extend({
  transfer: transferSchema.optional(),
});
/** A transaction, with its transfer when asked for. */
export type TransactionWithTransfer = z.infer<typeof transactionWithTransferSchema>;
