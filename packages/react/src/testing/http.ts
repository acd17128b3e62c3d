/** JSON response helpers of the fake broker (the broker's error body shape). */

/** A JSON response. */
export const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The broker's error body: `{ error: { code, message, details? } }`. */
export const error = (status: number, code: string, message: string, details?: unknown) =>
  json(status, { error: { code, message, ...(details === undefined ? {} : { details }) } });

/** One field problem of a 400 `invalid_input` (the broker's `details.fields[]`). */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** A 400 `invalid_input` naming each bad field, as the broker's `parseInput` does. */
export const invalid = (fields: FieldIssue[]) =>
  error(
    400,
    'invalid_input',
    `Invalid request: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
    { fields },
  );
