/**
 * The one error type the widget reports (through `error` and `onError`). `code` is the
 * broker's stable code (`invalid_input`, `unauthorized`, `not_found`, …) or one of ours:
 * `network_error` (fetch failed), `bad_response` (not the broker's JSON).
 */
export class DotsError extends Error {
  override readonly name = 'DotsError';
  constructor(
    /** Stable machine-readable code. */
    readonly code: string,
    message: string,
    /** HTTP status, 0 when no response arrived. */
    readonly status = 0,
    /** Field-level details from the broker, when given. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Wraps anything thrown into a DotsError. */
export const toDotsError = (err: unknown): DotsError =>
  err instanceof DotsError
    ? err
    : new DotsError('network_error', err instanceof Error ? err.message : String(err));
