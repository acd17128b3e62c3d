import { z } from 'zod';
import { TRANSACTION_TYPES, type Transaction } from '../wire/resources';
import { amountSchema, metadataSchema, timestampSchema } from './common';

/** A wallet transaction (`components.schemas.transaction`); `transfer` is omitted here. */
export const transactionSchema = z.looseObject({
  id: z.union([z.int(), z.string()]),
  amount: amountSchema,
  created: timestampSchema,
  source_name: z.string().nullish(),
  destination_name: z.string().nullish(),
  type: z.enum(TRANSACTION_TYPES).optional(),
  metadata: metadataSchema,
  transfer_id: z.string().nullish(),
}) satisfies z.ZodType<Transaction>;
