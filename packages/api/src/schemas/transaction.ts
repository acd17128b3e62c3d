import { z } from 'zod';
import { amountSchema, metadataSchema, timestampSchema } from './common';

/** A wallet transaction (`components.schemas.transaction`); `transfer` is omitted here. */
export const transactionSchema = z.looseObject({
  id: z.union([z.int(), z.string()]).optional(),
  amount: amountSchema.optional(),
  created: timestampSchema.optional(),
  source_name: z.string().nullish(),
  destination_name: z.string().nullish(),
  type: z.enum(['balance', 'refill', 'payout', 'payment', 'fee', 'surrogate']).optional(),
  metadata: metadataSchema,
  transfer_id: z.string().nullish(),
});
/** A wallet transaction. */
export type Transaction = z.infer<typeof transactionSchema>;
