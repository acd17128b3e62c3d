import { createFlowBodySchema, createPayoutLinkBodySchema } from '@dotskit/api';
import { z } from 'zod';
import { BrokerError } from './errors';

/** A client idempotency key: any opaque string (the broker derives the UUID it sends to Dots). */
const clientIdempotencyKey = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, { message: 'idempotency_key must be printable ASCII without spaces' })
  .optional();

/** Body of the broker's `POST /flows`: no `user_id` (it comes from the principal). */
export const brokerFlowBodySchema = createFlowBodySchema
  .omit({ user_id: true })
  .extend({ idempotency_key: clientIdempotencyKey })
  .strict();
/** Body of the broker's `POST /flows`. */
export type BrokerFlowBody = z.infer<typeof brokerFlowBodySchema>;

/** Body of the broker's `POST /payout-links`: no `user_id`, no `funding_source` or accounting fields. */
export const brokerPayoutLinkBodySchema = createPayoutLinkBodySchema
  .pick({
    amount: true,
    memo: true,
    payee: true,
    delivery: true,
    metadata: true,
    tax_exempt: true,
    additional_steps: true,
  })
  .extend({ idempotency_key: clientIdempotencyKey })
  .strict();
/** Body of the broker's `POST /payout-links`. */
export type BrokerPayoutLinkBody = z.infer<typeof brokerPayoutLinkBodySchema>;

/** A Dots resource id in a path. */
export const resourceIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/);

/** Parses `value` with `schema` or throws a 400 with field-level details from the zod issues. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // An unknown key is named by its own path (zod reports them together at the parent's).
  const fields = result.error.issues.flatMap((issue) =>
    (issue.code === 'unrecognized_keys'
      ? issue.keys.map((k) => [...issue.path, k])
      : [issue.path]
    ).map((path) => ({
      path: path.map(String).join('.') || '(body)',
      code: issue.code,
      message: issue.code === 'unrecognized_keys' ? 'Unknown field' : issue.message,
    })),
  );
  throw new BrokerError({
    code: 'invalid_input',
    message: `Invalid request: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
    details: {
      fields,
    },
  });
}
