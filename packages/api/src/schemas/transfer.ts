import { z } from 'zod';
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
export const transferStatusSchema = z.enum([
  'created',
  'pending',
  'failed',
  'completed',
  'reversed',
  'canceled',
  'flagged',
]);
/** Transfer status. */
export type TransferStatus = z.infer<typeof transferStatusSchema>;

/** Transfer type: `refill, payout, balance, payment, settlement, payable`. */
export const transferTypeSchema = z.enum([
  'refill',
  'payout',
  'balance',
  'payment',
  'settlement',
  'payable',
]);
/** Transfer type. */
export type TransferType = z.infer<typeof transferTypeSchema>;

/**
 * A transfer (`components.schemas.transfer`); a payout is a transfer too.
 * `amount` is in cents, negative = from the app to a user; numeric strings are parsed.
 */
export const transferSchema = z.looseObject({
  id: z.string().optional(),
  created: timestampSchema.optional(),
  user_id: z.string().nullish(),
  status: transferStatusSchema.optional(),
  type: transferTypeSchema.optional(),
  amount: amountSchema.optional(),
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
});
/** A transfer. */
export type Transfer = z.infer<typeof transferSchema>;

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
