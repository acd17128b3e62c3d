import { z } from 'zod';

// Bodies and answers of the user sub-resources: compliance, verification, payout methods
// and addresses (v2.yaml `/v2/users/{user_id}/...`).

const addressFields = {
  line_1: z.string().min(1),
  line_2: z.string().optional(),
  city: z.string().min(1),
  state: z.string().optional(),
  country: z.string().min(1),
  postcode: z.string().min(1),
};

/** A W-9 (US payees) in `PUT /v2/users/{user_id}/compliance`. */
export const w9Schema = z.object({
  entity_type: z.enum(['individual', 'business']),
  business_name: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  date_of_birth: z.iso.date(),
  tin: z.string().length(9, { message: 'tin must be 9 characters' }),
  address: z.object({ ...addressFields, state: z.string().min(1) }),
});

/** A W-8BEN (foreign payees) in `PUT /v2/users/{user_id}/compliance`. */
export const w8benSchema = z.object({
  name: z.string().min(1),
  citizenship_country: z.string().length(2),
  date_of_birth: z.iso.date(),
  foreign_tax_id: z.string().optional(),
  tax_treaty_country: z.string().optional(),
  tax_treaty_citation: z.string().optional(),
  tax_treaty_rate: z.number().optional(),
  tax_treaty_income_type: z.string().optional(),
  tax_treaty_explanation: z.string().optional(),
  address: z.object(addressFields),
  signature: z.object({ consent: z.boolean(), name: z.string(), email: z.string() }),
});

/** Body of `PUT /v2/users/{user_id}/compliance`: one tax form, `w9` or `w8ben`. Answers 200 without a body. */
export const submitComplianceBodySchema = z
  .object({ w9: w9Schema.optional(), w8ben: w8benSchema.optional() })
  .refine((b) => (b.w9 === undefined) !== (b.w8ben === undefined), {
    message: 'Give exactly one of w9 or w8ben',
  });
/** Body of `PUT /v2/users/{user_id}/compliance`. */
export type SubmitComplianceBody = z.infer<typeof submitComplianceBodySchema>;

/** Body of `POST /v2/users/{user_id}/send-verification-token` (answers 202 without a body). */
export const sendVerificationTokenBodySchema = z.object({ use_voice: z.boolean().optional() });
/** Body of `POST /v2/users/{user_id}/send-verification-token`. */
export type SendVerificationTokenBody = z.infer<typeof sendVerificationTokenBodySchema>;

/** Body of `POST /v2/users/{user_id}/verify` (200 without a body; a wrong token is a 400). */
export const verifyUserBodySchema = z.object({ token: z.string().min(6) });
/** Body of `POST /v2/users/{user_id}/verify`. */
export type VerifyUserBody = z.infer<typeof verifyUserBodySchema>;

/** Body of `PUT /v2/users/{user_id}/payout-methods`; required fields depend on `platform`. */
export const addPayoutMethodBodySchema = z.object({
  platform: z.enum(['paypal', 'venmo', 'cash_app', 'ach']),
  routing_number: z.string().optional(),
  account_number: z.string().optional(),
  account_type: z.enum(['checking', 'savings']).optional(),
  email: z.string().optional(),
  phone_number: z.string().optional(),
  handle: z.string().optional(),
  cash_tag: z.string().optional(),
  is_default: z.boolean().nullish(),
  auto_payout_enabled: z.boolean().nullish(),
  metadata: z.unknown().optional(),
});
/** Body of `PUT /v2/users/{user_id}/payout-methods`. */
export type AddPayoutMethodBody = z.infer<typeof addPayoutMethodBodySchema>;

/** Answer of `PUT /v2/users/{user_id}/payout-methods`: the added method. */
export const addPayoutMethodResultSchema = z.looseObject({
  id: z.string().nullish(),
  platform: z.string(),
  handle: z.string().nullish(),
  email: z.string().nullish(),
  phone_number: z.string().nullish(),
  cash_tag: z.string().nullish(),
  account_number: z.string().nullish(),
  routing_number: z.string().nullish(),
  account_type: z.enum(['checking', 'savings']).nullish(),
  rtp_enabled: z.boolean().nullish(),
  meta: z.unknown().optional(),
});
/** Answer of `PUT /v2/users/{user_id}/payout-methods`. */
export type AddPayoutMethodResult = z.infer<typeof addPayoutMethodResultSchema>;

/** Body of `PUT /v2/users/{user_id}/addresses` (answers 200 without a body). */
export const addUserAddressBodySchema = z.object({
  postcode: z.string().min(1),
  city: z.string().min(1),
  state: z.string().min(1),
  country: z.string().min(1),
  line_1: z.string().min(1),
  line_2: z.string().optional(),
  line_3: z.string().optional(),
});
/** Body of `PUT /v2/users/{user_id}/addresses`. */
export type AddUserAddressBody = z.infer<typeof addUserAddressBodySchema>;
