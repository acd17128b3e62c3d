import { z } from 'zod';
import { idempotencyKeySchema, metadataInputSchema, metadataSchema } from './common';

/**
 * A Dots app (`components.schemas.app`). v2.yaml requires `id`, `name` and `metrics`;
 * `metrics` is optional here because the seed's create-app response carries none
 * (it has `organization_id` instead).
 */
export const appSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.enum(['created', 'in_review', 'approved']).optional(),
  metrics: z
    .looseObject({
      wallet_balance: z.union([z.string(), z.number()]),
      money_out: z.union([z.string(), z.number()]),
      connected_users: z.int().min(0),
    })
    .optional(),
  metadata: metadataSchema,
  organization_id: z.string().nullish(),
});
/** A Dots app. */
export type App = z.infer<typeof appSchema>;

/** Body of `POST /v2/apps`. */
export const createAppBodySchema = z.object({
  name: z.string().min(3).max(60),
  metadata: metadataInputSchema.optional(),
  idempotency_key: idempotencyKeySchema,
});
/** Body of `POST /v2/apps`. */
export type CreateAppBody = z.infer<typeof createAppBodySchema>;
