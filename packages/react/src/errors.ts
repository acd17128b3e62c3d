/**
 * The one error type the widget reports (through `error` and `onError`). `code` is the
 * broker's stable code (`invalid_input`, `unauthorized`, `not_found`, …) or one of ours:
 * `network_error` (fetch failed), `bad_response` (not the broker's JSON).
 */
export class DotsError extends Error {
  /** Stable machine-readable code. */
  declare readonly code: string;
  /** HTTP status, 0 when no response arrived. */
  declare readonly status: number;
  /** Field-level details from the broker, when given. */
  declare readonly details?: unknown;
  constructor(code: string, message: string, status = 0, details?: unknown) {
    super(message);
    Object.assign(this, { name: 'DotsError', code, status, details });
  }
}

/** Wraps anything thrown into a DotsError. */
export const toDotsError = (err: unknown): DotsError =>
  err instanceof DotsError
    ? err
    : new DotsError('network_error', String((err as Error)?.message ?? err));

// Development build? Bundlers replace `process.env.NODE_ENV` (Vite in dev too); without
// one, `process` may not exist: then not.
let dev = false;
try {
  dev = process.env.NODE_ENV !== 'production';
} catch {}

/**
 * The text of an error notice: `message`, and in development builds the error's code
 * after it (e.g. `Something went wrong. (origin_not_allowed)`) so that a refused origin
 * or link names itself on screen. Production shows `message` only.
 */
export const errorText = (message: string, error?: DotsError) =>
  dev && error ? `${message} (${error.code})` : message;
