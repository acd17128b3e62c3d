import { z } from 'zod';
import { USER_STATUSES } from '../wire/resources';
import { idempotencyKeySchema, metadataInputSchema, metadataSchema } from './common';

/** Payout rails (`components.schemas.rail`). */
export const railSchema = z.enum([
  'ach',
  'paypal',
  'venmo',
  'cash_app',
  'intl_bank',
  'airtm',
  'payoneer',
  'crypto',
]);

/** User status: `verified`, `unverified`, `disabled`, `in_review`. */
export const userStatusSchema = z.enum(USER_STATUSES);

/** A saved payout method (`components.schemas.payment-method`). */
export const paymentMethodSchema = z.looseObject({
  id: z.string().nullish(),
  platform: z.string(),
  description: z.string().nullish(),
  mask: z.string().nullish(),
  email: z.string().nullish(),
  phone_number: z.string().nullish(),
  cash_tag: z.string().nullish(),
  country: z.string().nullish(),
  currency: z.string().nullish(),
  rtp_enabled: z.boolean().nullish(),
  meta: z.unknown().optional(),
});

/** A saved payout method. */
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/** A user's wallet (`components.schemas.wallet`), amounts in cents. */
export const walletSchema = z.looseObject({
  amount: z.number().nullish(),
  withdrawable_amount: z.number().nullish(),
  credit_balance: z.number().nullish(),
});

/**
 * A Dots user (`components.schemas.user`). v2.yaml requires nothing; `id` and `status`,
 * which every full user object carries, are required here (the reference's short form
 * `{ user_id }` is not what the API returns: DOTS-FACTS).
 */
export const userSchema = z.looseObject({
  id: z.string(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  email: z.string().nullish(),
  phone_number: z
    .looseObject({ country_code: z.string().nullish(), phone_number: z.string().nullish() })
    .nullish(),
  default_payout_method: railSchema.nullish(),
  default_payout_method_details: paymentMethodSchema.nullish(),
  wallet: walletSchema.nullish(),
  status: userStatusSchema,
  verified: z.boolean().optional(),
  compliance: z.record(z.string(), z.unknown()).nullish(),
  metadata: metadataSchema,
  payout_options_exclude_list: z.array(railSchema).nullish(),
  '1099_adjustment': z.record(z.string(), z.unknown()).nullish(),
});
/** A Dots user. */
export type User = z.infer<typeof userSchema>;

/** Body of `POST /v2/users`. */
export const createUserBodySchema = z.object({
  first_name: z.string().min(1).max(50),
  last_name: z.string().min(1).max(50),
  email: z.email({ message: 'Invalid email address' }),
  country_code: z
    .string()
    .regex(/^[0-9]{1,3}$/, { message: 'country_code must be 1-3 digits, e.g. "1"' }),
  phone_number: z.string().regex(/^[0-9]{1,20}$/, { message: 'phone_number must be digits only' }),
  username: z.string().min(1).max(50).optional(),
  date_of_birth: z.iso.date().optional(),
  '1099_adjustment': z.record(z.string(), z.unknown()).optional(),
  metadata: metadataInputSchema.optional(),
  payout_options_exclude_list: z.array(railSchema).optional(),
  idempotency_key: idempotencyKeySchema,
});
/** Body of `POST /v2/users`. */
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

/** Body of `PATCH /v2/users/{user_id}`. */
export const updateUserBodySchema = z.object({
  default_payout_method: railSchema.optional(),
  auto_payout_enabled: z.boolean().optional(),
  date_of_birth: z.iso.date().optional(),
  '1099_adjustment': z.record(z.string(), z.unknown()).optional(),
  metadata: metadataInputSchema.optional(),
  payout_options_exclude_list: z.array(railSchema).optional(),
});
/** Body of `PATCH /v2/users/{user_id}`. */
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;
