import { z } from 'zod';
import { flowStepName } from '../wire/flow';
import { FLOW_STEP_NAMES, type Flow, type FlowStep } from '../wire/resources';
import {
  idempotencyKeySchema,
  metadataInputSchema,
  metadataSchema,
  timestampSchema,
  uuidSchema,
} from './common';

/** The eight flow step names Dots knows. */
export const flowStepNameSchema = z.enum(FLOW_STEP_NAMES);

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
export const flowStepSchema = z.union([
  flowStepNameSchema,
  flowStepObjectSchema,
]) satisfies z.ZodType<FlowStep>;

/**
 * A Dots flow (`components.schemas.flow`). v2.yaml requires nothing; what every real
 * response carries (the seed's examples) is required here: `id`, `created`, `link`,
 * `steps`, `completed_steps`.
 */
export const flowSchema = z.looseObject({
  id: z.string(),
  created: timestampSchema,
  user_id: z.string().nullish(),
  steps: z.array(flowStepSchema),
  completed_steps: z.array(flowStepSchema),
  link: z.string(),
  metadata: metadataSchema,
  payout_link_id: z.string().nullish(),
}) satisfies z.ZodType<Flow>;

/** Body of `POST /v2/flows`. `steps` must be non-empty and name each step once. */
export const createFlowBodySchema = z.object({
  steps: z
    .array(flowStepSchema)
    .min(1, { message: 'At least one step is required' })
    .refine((steps) => new Set(steps.map(flowStepName)).size === steps.length, {
      message: 'Each step may appear only once',
    }),
  user_id: uuidSchema.optional(),
  hide_go_to_dashboard_on_complete: z.boolean().optional(),
  require_auth: z.boolean().optional(),
  metadata: metadataInputSchema.optional(),
  idempotency_key: idempotencyKeySchema,
});
/** Body of `POST /v2/flows`. */
export type CreateFlowBody = z.infer<typeof createFlowBodySchema>;
