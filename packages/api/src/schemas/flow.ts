import { z } from 'zod';
import {
  idempotencyKeySchema,
  metadataInputSchema,
  metadataSchema,
  timestampSchema,
  uuidSchema,
} from './common';

/** The eight flow step names Dots knows. */
export const flowStepNameSchema = z.enum([
  'compliance',
  'id-verification',
  'background-check',
  'manage-payments',
  'manage-payouts',
  'payout',
  'redirect',
  'pdf-form-fill',
]);
/** A flow step name. */
export type FlowStepName = z.infer<typeof flowStepNameSchema>;

/** Options a step may carry when given as an object (unknown options pass through). */
export const flowStepObjectSchema = z.looseObject({
  name: flowStepNameSchema,
  auto_payout_enabled: z.boolean().optional(),
  redirect_url: z
    .url({ protocol: /^https?$/, message: 'redirect_url must be an http(s) URL' })
    .optional(),
  template_id: z.string().min(1).optional(),
  hide_continue_button: z.boolean().optional(),
});

/** A flow step: a step name, or `{ name, ...options }`. */
export const flowStepSchema = z.union([flowStepNameSchema, flowStepObjectSchema]);
/** A flow step: a step name, or `{ name, ...options }`. */
export type FlowStep = z.infer<typeof flowStepSchema>;

/** A Dots flow (`components.schemas.flow`). Every field is optional, as in v2.yaml. */
export const flowSchema = z.looseObject({
  id: z.string().optional(),
  created: timestampSchema.optional(),
  user_id: z.string().nullish(),
  steps: z.array(flowStepSchema).optional(),
  completed_steps: z.array(flowStepSchema).optional(),
  link: z.string().optional(),
  metadata: metadataSchema,
  payout_link_id: z.string().nullish(),
});
/** A Dots flow. */
export type Flow = z.infer<typeof flowSchema>;

/** Body of `POST /v2/flows`. `steps` must be non-empty and name each step once. */
export const createFlowBodySchema = z.object({
  steps: z
    .array(flowStepSchema)
    .min(1, { message: 'At least one step is required' })
    .refine(
      (steps) =>
        new Set(steps.map((s) => (typeof s === 'string' ? s : s.name))).size === steps.length,
      { message: 'Each step may appear only once' },
    ),
  user_id: uuidSchema.optional(),
  hide_go_to_dashboard_on_complete: z.boolean().optional(),
  require_auth: z.boolean().optional(),
  metadata: metadataInputSchema.optional(),
  idempotency_key: idempotencyKeySchema,
});
/** Body of `POST /v2/flows`. */
export type CreateFlowBody = z.infer<typeof createFlowBodySchema>;
