import type { z } from 'zod';
import { SandboxError, type SandboxErrorCode, type SandboxErrorDetail } from '../state/errors';

/** Dots' error code for a bad field: the specific email/phone codes, else `invalid-input`. */
function codeFor(details: SandboxErrorDetail[]): SandboxErrorCode {
  const fields = details.map((d) => d.field.split('.').at(-1));
  if (fields.includes('email')) return 'invalid-email';
  if (fields.includes('phone_number') || fields.includes('country_code'))
    return 'invalid-phone-number';
  return 'invalid-input';
}

/**
 * Parses `body` with one of @dotskit/api's request schemas (the same ones the client
 * uses); on failure throws a 400 in Dots' shape with one detail per field.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
  const summary = details.map((d) => `${d.field}: ${d.message}`).join('; ');
  throw new SandboxError({
    code: codeFor(details),
    message: `Invalid request body. ${summary}`,
    status: 400,
    details: details,
  });
}
