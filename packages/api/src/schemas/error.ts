import { z } from 'zod';

/** Dots' own error codes (docs.dots.dev/references/error-codes). Others may appear. */
export const DOTS_ERROR_CODES = [
  'invalid-input',
  'invalid-phone-number',
  'invalid-email',
  'invalid-phone-number-voip',
  'invalid-phone-number-landline',
  'auth-email-already-exists',
  'invalid-transaction',
  'transaction-insufficient-funds',
  'user-info-missing',
  'user-info-missing-contact',
  'app-info-missing',
  'service-unavailable',
  'resource-busy',
] as const;
/** One of Dots' documented error codes. */
export type DotsErrorCode = (typeof DOTS_ERROR_CODES)[number];

/**
 * A Dots error body. Dots documents its error codes but not the envelope, so this
 * accepts the shapes seen in practice and keeps everything else:
 * `{ "error": "<code>", "message": "..." }` (what the sandbox emits),
 * `{ "error": { "code", "message", "details"? } }`, or `{ "code", "message" }`.
 * Use {@link dotsErrorCode} / {@link dotsErrorMessage} to read it.
 */
export const dotsErrorBodySchema = z.looseObject({
  error: z
    .union([
      z.string(),
      z.looseObject({
        code: z.string().optional(),
        message: z.string().optional(),
        details: z.unknown().optional(),
      }),
    ])
    .optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  details: z.unknown().optional(),
});
/** A Dots error body. */
export type DotsErrorBody = z.infer<typeof dotsErrorBodySchema>;

const CODE_LIKE = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

/** Dots' error code in an error body, or `undefined` when it carries none. */
export function dotsErrorCode(body: unknown): string | undefined {
  const parsed = dotsErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { error, code } = parsed.data;
  if (typeof error === 'object' && error.code) return error.code;
  if (code) return code;
  if (typeof error === 'string' && CODE_LIKE.test(error)) return error;
  return undefined;
}

/** The human-readable message in an error body, or `undefined`. */
export function dotsErrorMessage(body: unknown): string | undefined {
  const parsed = dotsErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { error, message } = parsed.data;
  if (typeof error === 'object' && error.message) return error.message;
  if (message) return message;
  if (typeof error === 'string' && !CODE_LIKE.test(error)) return error;
  return undefined;
}
