import { z } from 'zod';
import { PAYOUT_LINK_STATUSES, type PayoutLink } from '../wire/resources';
import {
  amountSchema,
  centsSchema,
  metadataInputSchema,
  metadataSchema,
  nullableIdempotencyKeySchema,
  timestampSchema,
  uuidSchema,
} from './common';
import { flowStepNameSchema } from './flow';

/** Payout link status, as in v2.yaml (create may also answer 202 `funds_pending`). */
export const payoutLinkStatusSchema = z.enum(PAYOUT_LINK_STATUSES);

const deliveryMethodSchema = z.enum(['sms', 'link', 'email', 'all']);

/**
 * A payout link (`components.schemas.payout-link`): the full object the API and
 * webhooks return (not the seed guide's short form, DOTS-FACTS). v2.yaml requires
 * nothing; what every real response carries is required here (`id`, `created`, `link`,
 * `amount`, `status`); `null` is accepted for the optional fields real responses send
 * as `null`.
 */
export const payoutLinkSchema = z.looseObject({
  id: z.string(),
  created: timestampSchema,
  link: z.string(),
  amount: amountSchema,
  status: payoutLinkStatusSchema,
  payee: z
    .looseObject({
      first_name: z.string().nullish(),
      last_name: z.string().nullish(),
      email: z.string().nullish(),
      country_code: z.string().nullish(),
      phone_number: z.string().nullish(),
    })
    .nullish(),
  delivery: z
    .looseObject({
      method: deliveryMethodSchema.nullish(),
      email: z.string().nullish(),
      country_code: z.string().nullish(),
      phone_number: z.string().nullish(),
      message: z.string().nullish(),
    })
    .nullish(),
  tax_exempt: z.boolean().nullish(),
  claimed_user_id: z.string().nullish(),
  flow_id: z.string().nullish(),
  transfer_id: z.string().nullish(),
  memo: z.string().nullish(),
  metadata: metadataSchema,
  description: z.string().nullish(),
  accounting_data: z
    .looseObject({
      quickbooks_account_id: z.int().nullish(),
      quickbooks_class_id: z.int().nullish(),
    })
    .nullish(),
  funding_source: z.enum(['dots_balance', 'ach']).nullish(),
}) satisfies z.ZodType<PayoutLink>;

const additionalStepSchema = z.union([
  flowStepNameSchema,
  z.object({
    name: flowStepNameSchema,
    redirect_url: z
      .url({ protocol: /^https?$/, message: 'redirect_url must be an http(s) URL' })
      .optional(),
    auto_payout_enabled: z.boolean().optional(),
    payment_intent_id: z.string().optional(),
    force: z.boolean().optional(),
    require_default_payout_method: z.boolean().optional(),
    require_auto_payout_method: z.boolean().optional(),
    hide_continue_button: z.boolean().optional(),
    payout_fee_party: z.enum(['platform', 'user']).optional(),
  }),
]);

/** Body of `POST /v2/payout-links` (v2.yaml: `additionalProperties: false`). */
export const createPayoutLinkBodySchema = z.strictObject({
  user_id: uuidSchema.optional(),
  payee: z
    .strictObject({
      first_name: z.string().optional(),
      last_name: z.string().optional(),
      country_code: z
        .string()
        .regex(/^[0-9]{1,3}$/)
        .optional(),
      phone_number: z
        .string()
        .regex(/^[0-9]{1,20}$/)
        .optional(),
      email: z.email({ message: 'Invalid email address' }).optional(),
    })
    .optional(),
  amount: centsSchema.positive({ message: 'Amount must be positive' }),
  delivery: z
    .strictObject({ message: z.string().optional(), method: deliveryMethodSchema.optional() })
    .optional(),
  force_collect_compliance_information: z.boolean().optional(),
  tax_exempt: z.boolean().optional(),
  metadata: metadataInputSchema.optional(),
  memo: z.string().optional(),
  idempotency_key: nullableIdempotencyKeySchema,
  payout_fee_party: z.enum(['user', 'platform']).nullish(),
  additional_steps: z.array(additionalStepSchema).optional(),
  accounting_data: z
    .strictObject({
      quickbooks_account_id: z.int().optional(),
      quickbooks_class_id: z.int().optional(),
    })
    .optional(),
  funding_source: z.enum(['dots_balance', 'ach']).optional(),
  hide_go_to_dashboard_on_complete: z.boolean().optional(),
  description: z.string().optional(),
});
/** Body of `POST /v2/payout-links`. */
export type CreatePayoutLinkBody = z.infer<typeof createPayoutLinkBodySchema>;

/** Response of `POST /v2/payout-links/{id}/redeliver`. */
export const redeliverPayoutLinkResultSchema = z.looseObject({
  payout_link: payoutLinkSchema.optional(),
  redelivered: z.boolean().optional(),
});
/** Response of `POST /v2/payout-links/{id}/redeliver`. */
export type RedeliverPayoutLinkResult = z.infer<typeof redeliverPayoutLinkResultSchema>;
