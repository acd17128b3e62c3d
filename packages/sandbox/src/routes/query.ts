import type { Request } from 'express';
import { z } from 'zod';
import { SandboxError } from '../state/errors';

/**
 * Query-parameter schemas, typed as v2.yaml types them. Query values arrive as strings, so
 * booleans are `true`/`false` and integers digits; anything else is a 400.
 */
export const query = {
  /** A v2.yaml `type: boolean` parameter. */
  boolean: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true'),
  /** A v2.yaml `format: uuid` parameter. */
  uuid: z.guid({ error: 'must be a UUID' }),
  /** An integer id (transactions), as digits. */
  integerId: z.string().regex(/^\d+$/, { error: 'must be an integer id' }),
  /** `limit`: an integer from 1 to 100. */
  limit: z
    .string()
    .regex(/^\d+$/, { error: 'must be an integer from 1 to 100' })
    .transform(Number)
    .pipe(
      z
        .int()
        .min(1, { error: 'must be an integer from 1 to 100' })
        .max(100, { error: 'must be an integer from 1 to 100' }),
    ),
  /** A v2.yaml `format: date-time` parameter. */
  dateTime: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }),
  /** One of `values`. */
  oneOf: <T extends string>(values: readonly T[]) =>
    z.enum(values as unknown as [T, ...T[]], { error: `must be one of ${values.join(', ')}` }),
};

/**
 * Parses `req.query` with `shape` (every parameter optional; unknown ones are ignored, as
 * Dots ignores them). A bad or repeated parameter is a 400 `invalid-input` naming it, in
 * Dots' error shape.
 */
export function parseQuery<S extends z.ZodRawShape>(
  req: Request,
  shape: S,
): Partial<{ [K in keyof S]: z.output<S[K]> }> {
  const out: Record<string, unknown> = {};
  const details: { field: string; message: string }[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    const raw = req.query[name];
    if (raw === undefined) continue;
    const result = (schema as z.ZodType).safeParse(raw);
    if (result.success) out[name] = result.data;
    else
      details.push({
        field: name,
        message:
          typeof raw === 'string'
            ? (result.error.issues[0]?.message ?? 'is invalid')
            : 'must be given once',
      });
  }
  if (details.length > 0) {
    const summary = details.map((d) => `${d.field} ${d.message}`).join('; ');
    throw new SandboxError({
      code: 'invalid-input',
      message: `Invalid query parameter: ${summary}.`,
      status: 400,
      details: details,
    });
  }
  return out as Partial<{ [K in keyof S]: z.output<S[K]> }>;
}
