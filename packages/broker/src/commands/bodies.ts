import {
  createFlowBodySchema,
  createPayoutBatchBodySchema,
  createPayoutBodySchema,
  createPayoutLinkBodySchema,
  createTransferBodySchema,
  createUserBodySchema,
  flowStepNameSchema,
} from '@dotskit/api';
import { flowStepName } from '@dotskit/api/wire';
import { z } from 'zod';
import { metadataWithLimitsSchema } from './metadata';

/**
 * A step as a browser may ask for it: a step name, or the UI options v2.yaml documents for
 * a step object (`name`, `hide_continue_button`, `redirect_url`), strictly. Money and
 * compliance options (`payout_fee_party`, `force`, `payment_intent_id`,
 * `auto_payout_enabled`, `require_*`, `template_id`, any `amount` or `user_id`) are the
 * host's: set them in `flowDefaults` / `payoutLinkDefaults` or through the server-side API.
 */
export const browserStepSchema = z.union([
  flowStepNameSchema,
  z.strictObject({
    name: flowStepNameSchema,
    hide_continue_button: z.boolean().optional(),
    redirect_url: z
      .url({ protocol: /^https?$/, message: 'redirect_url must be an http(s) URL' })
      .max(2048)
      .optional(),
  }),
]);

const stepNames = (steps: Array<z.infer<typeof browserStepSchema>>) =>
  new Set(steps.map(flowStepName)).size === steps.length;

/** Body of the broker's browser `POST /flows` (without `idempotency_key`). */
export const browserFlowBodySchema = z.strictObject({
  steps: z
    .array(browserStepSchema)
    .min(1, { message: 'At least one step is required' })
    .max(8)
    .refine(stepNames, { message: 'Each step may appear only once' }),
  hide_go_to_dashboard_on_complete: z.boolean().optional(),
  metadata: metadataWithLimitsSchema.optional(),
});

/** Body of the broker's browser `POST /payout-links` (without `idempotency_key`). */
export const browserPayoutLinkBodySchema = createPayoutLinkBodySchema
  .pick({ amount: true, memo: true, payee: true, delivery: true })
  .extend({
    memo: z.string().max(500).optional(),
    metadata: metadataWithLimitsSchema.optional(),
    additional_steps: z
      .array(browserStepSchema)
      .max(8)
      .refine(stepNames, { message: 'Each step may appear only once' })
      .optional(),
  })
  .strict();

/** Host bodies: everything Dots accepts, `metadata` within the same limits. */
const hostBody = <T extends z.ZodObject>(schema: T) =>
  schema.omit({ idempotency_key: true }).extend({ metadata: metadataWithLimitsSchema.optional() });

/** Server-side `flows.create` body. */
export const hostFlowBodySchema = hostBody(createFlowBodySchema);
/** Server-side `payoutLinks.create` body. */
export const hostPayoutLinkBodySchema = hostBody(createPayoutLinkBodySchema);
/** Server-side `transfers.create` body. */
export const hostTransferBodySchema = hostBody(createTransferBodySchema);
/** Server-side `payouts.create` body. */
export const hostPayoutBodySchema = hostBody(createPayoutBodySchema);
/** Server-side `payoutBatches.create` body. */
export const hostPayoutBatchBodySchema = hostBody(createPayoutBatchBodySchema);
/** Server-side `users.create` body. */
export const hostUserBodySchema = hostBody(createUserBodySchema);
