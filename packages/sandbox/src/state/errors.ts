/** A field-level problem reported with a 400. */
export interface SandboxErrorDetail {
  field: string;
  message: string;
}

/**
 * The one error type of the emulator. Routes throw it; the error middleware renders it in
 * Dots' error shape with `status`. `code` is one of Dots' own codes (`invalid-input`,
 * `transaction-insufficient-funds`, …) or `not-found` / `unauthorized` for the HTTP cases
 * Dots' list leaves out.
 */
export class SandboxError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: SandboxErrorDetail[] | undefined;

  constructor(status: number, code: string, message: string, details?: SandboxErrorDetail[]) {
    super(message);
    this.name = 'SandboxError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** 400 `invalid-input` with an optional field. */
export function invalidInput(message: string, field?: string): SandboxError {
  return new SandboxError(400, 'invalid-input', message, field ? [{ field, message }] : undefined);
}

/** 404 naming the missing resource. */
export function notFound(kind: string, id: string): SandboxError {
  return new SandboxError(404, 'not-found', `No ${kind} with id ${id}.`);
}

/** 400 `transaction-insufficient-funds`. */
export function insufficientFunds(whose: string, needed: number, available: number): SandboxError {
  return new SandboxError(
    400,
    'transaction-insufficient-funds',
    `Insufficient funds in the ${whose} wallet: ${needed} cents needed, ${available} available.`,
  );
}
