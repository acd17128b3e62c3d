import { z } from 'zod';

/**
 * A client idempotency key: any opaque printable string (the broker derives the UUID it
 * sends to Dots); `null` means none, as in v2.yaml.
 */
export const clientKeyBodySchema = z.object({
  idempotency_key: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, { message: 'idempotency_key must be printable ASCII without spaces' })
    .nullish(),
});
