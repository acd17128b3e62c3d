import { z } from 'zod';
import { centsSchema, idempotencyKeySchema, metadataInputSchema, uuidSchema } from './common';

/** Payout platforms accepted by `POST /v2/payouts`. */
export const payoutPlatformSchema = z.enum([
  'paypal',
  'venmo',
  'ach',
  'bank_transfer',
  'cash_app',
  'default',
]);

/** Body of `POST /v2/payouts` (`components.schemas.payout-create-request`). Returns a transfer. */
export const createPayoutBodySchema = z.object({
  user_id: uuidSchema,
  amount: centsSchema.positive({ message: 'Amount must be positive' }),
  platform: payoutPlatformSchema,
  account_id: uuidSchema.optional(),
  fund: z.boolean().optional(),
  tax_exempt: z.boolean().optional(),
  idempotency_key: idempotencyKeySchema,
  metadata: metadataInputSchema.optional(),
  payout_fee_party: z.enum(['user', 'platform']).optional(),
});
/** Body of `POST /v2/payouts`. */
export type CreatePayoutBody = z.infer<typeof createPayoutBodySchema>;
