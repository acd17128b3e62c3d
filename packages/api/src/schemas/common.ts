import { z } from 'zod';

// ---------------------------------------------------------------------------
// Building blocks shared by every resource schema.
// ---------------------------------------------------------------------------

const ISO_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * A timestamp as Dots sends it: ISO 8601 with or without a zone
 * (`2024-07-30T13:19:09.438268` is what real responses carry), or an HTTP date
 * (`Thu, 11 Jul 2024 21:17:33 GMT`, seen in `status_history`). Kept as a string.
 */
export const timestampSchema = z
  .string()
  .refine((s) => ISO_TIMESTAMP.test(s) || HTTP_DATE.test(s), { message: 'Invalid timestamp' });

/** `metadata` on a response: a key-value object, a string, or `null`. */
export const metadataSchema = z.union([z.string(), z.record(z.string(), z.unknown())]).nullish();

/** `metadata` in a request body: a key-value object or a string. */
export const metadataInputSchema = z.union([z.string(), z.record(z.string(), z.unknown())]);

/** Any id in a request body (path ids and foreign keys): a UUID. */
export const uuidSchema = z.guid({ message: 'Invalid UUID' });

/** An `idempotency_key` in a request body: an optional UUID (the client fills one in). */
export const idempotencyKeySchema = uuidSchema.optional();

/**
 * An `idempotency_key` where v2.yaml types it `string | null` (`POST /v2/transfers`,
 * `/v2/payout-links`, `/v2/payouts/send-payout`): `null` means no key.
 */
export const nullableIdempotencyKeySchema = uuidSchema.nullish();

/**
 * An amount in a response: Dots sends numbers, but some real responses carry numeric
 * strings (`"-1000"`, `"1000.0000000000"`). Parsed to a number either way.
 */
export const amountSchema = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(?:\.\d+)?$/, { message: 'Invalid amount' })
    .transform(Number),
]);

/** An amount in a request body: integer cents. */
export const centsSchema = z.int({ message: 'Amount must be an integer number of cents' });

/**
 * A page of a list endpoint: `{ data, has_more }`. A missing `has_more` is read as
 * `false` (the last page).
 */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), has_more: z.boolean().default(false) });
}

/** A page of a list endpoint. */
export type DotsPage<T> = { data: T[]; has_more: boolean };

/**
 * Query parameters every list endpoint takes: `limit` (1-100), and the cursors
 * `starting_after` / `ending_before` (ids of objects on the previous page). `limit` may
 * be a numeric string (as in a query string); it parses to a number.
 */
export const listParamsSchema = z.object({
  // Coerced so that query strings (`?limit=10`) parse too.
  limit: z.coerce.number().int().min(1).max(100).optional(),
  starting_after: z.string().min(1).optional(),
  ending_before: z.string().min(1).optional(),
});

/** Query parameters every list endpoint takes. */
export type ListParams = z.infer<typeof listParamsSchema>;
