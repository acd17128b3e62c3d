import type { DotsErrorCode } from '@dotskit/api';
import { type DotskitErrorOptions, dotskitMessage } from '@dotskit/api/wire';

/** A field-level problem reported with a 400. */
export interface SandboxErrorDetail {
  field: string;
  message: string;
}

/**
 * What a sandbox error answers with: one of Dots' own codes (`invalid-input`,
 * `transaction-insufficient-funds`, …, `@dotskit/api`'s `DotsErrorCode`), or `not-found` /
 * `unauthorized` for the HTTP cases Dots' list leaves out.
 */
export type SandboxErrorCode = DotsErrorCode | 'not-found' | 'unauthorized';

/** The options a {@link SandboxError} is built from: the status is always given. */
export type SandboxErrorOptions = Omit<DotskitErrorOptions<SandboxErrorCode>, 'details'> & {
  status: number;
  details?: SandboxErrorDetail[];
};

/**
 * The one error type of the emulator, built from `{ code, message, status, details?,
 * cause? }`. Routes throw it; the error middleware answers in Dots' own error shape
 * (`{ error: code, message, details? }`, the message without the `[dotskit]` prefix the
 * thrown error's message carries) with `status`.
 */
export class SandboxError extends Error {
  override readonly name = 'SandboxError';
  readonly status: number;
  readonly code: SandboxErrorCode;
  readonly details: SandboxErrorDetail[] | undefined;
  /** The message as Dots would answer it (no prefix). */
  readonly dotsMessage: string;

  constructor(options: SandboxErrorOptions) {
    super(
      dotskitMessage(options.message),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
    this.dotsMessage = options.message;
  }
}

/** 400 `invalid-input` with an optional field. */
export function invalidInput(message: string, field?: string): SandboxError {
  return new SandboxError({
    code: 'invalid-input',
    message: message,
    status: 400,
    details: field ? [{ field, message }] : undefined,
  });
}

/** 404 naming the missing resource. */
export function notFound(kind: string, id: string): SandboxError {
  return new SandboxError({ code: 'not-found', message: `No ${kind} with id ${id}.`, status: 404 });
}

/** 400 `transaction-insufficient-funds`. */
export function insufficientFunds(whose: string, needed: number, available: number): SandboxError {
  return new SandboxError({
    code: 'transaction-insufficient-funds',
    message: `Insufficient funds in the ${whose} wallet: ${needed} cents needed, ${available} available.`,
    status: 400,
  });
}
