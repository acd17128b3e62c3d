import { z } from 'zod';
import {
  centsSchema,
  idempotencyKeySchema,
  metadataInputSchema,
  nullableIdempotencyKeySchema,
  uuidSchema,
} from './common';
import { flowStepNameSchema } from './flow';

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

/**
 * Body of `POST /v2/payouts/send-payout` (v2.yaml: `additionalProperties: false`): pays a
 * known user (`user_id`) or a phone number (`payee`); answers 201 with a payout link.
 */
export const sendPayoutBodySchema = z
  .strictObject({
    amount: centsSchema.positive({ message: 'Amount must be positive' }),
    user_id: uuidSchema.optional(),
    payee: z
      .strictObject({
        country_code: z.string().regex(/^[0-9]{1,3}$/),
        phone_number: z.string().regex(/^[0-9]{1,20}$/),
      })
      .optional(),
    delivery: z.strictObject({ message: z.string().optional() }).optional(),
    force_collect_compliance_information: z.boolean().optional(),
    additional_steps: z.array(flowStepNameSchema).optional(),
    tax_exempt: z.boolean().optional(),
    metadata: metadataInputSchema.optional(),
    memo: z.string().optional(),
    idempotency_key: nullableIdempotencyKeySchema,
    payout_fee_party: z.enum(['user', 'platform']).nullish(),
    accounting_data: z
      .strictObject({
        quickbooks_account_id: z.int().optional(),
        quickbooks_class_id: z.int().optional(),
      })
      .optional(),
  })
  .refine((b) => b.user_id !== undefined || b.payee !== undefined, {
    message: 'Give user_id or payee',
    path: ['user_id'],
  });
/** Body of `POST /v2/payouts/send-payout`. */
export type SendPayoutBody = z.infer<typeof sendPayoutBodySchema>;
