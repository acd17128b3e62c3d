/** JSON response helpers of the fake broker: the broker's answers and error bodies. */
import { BROKER_ERROR_STATUS, type BrokerErrorBody, type BrokerErrorCode } from '@dotskit/api/wire';

/** A JSON response with optional extra headers. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

/**
 * An error answer with an explicit status: the broker's body `{ error: { code, message,
 * details? } }` (for `failNext`, which may inject any status and code).
 */
export const errorWithStatus = (
  status: number,
  code: string,
  message: string,
  details?: unknown,
): Response =>
  json(status, { error: { code, message, ...(details === undefined ? {} : { details }) } });

/** The broker's error answer for `code`, with the status the broker gives that code. */
export const error = (code: BrokerErrorCode, message: string, details?: unknown): Response => {
  const body: BrokerErrorBody = {
    error: { code, message, ...(details === undefined ? {} : { details }) },
  };
  return json(BROKER_ERROR_STATUS[code], body);
};

/** The broker's messages for the errors the fake answers on its own. */
export const MESSAGES = {
  notFound: 'Not found.',
  noToken: 'Missing `Authorization: Bearer <token>` header.',
  badToken: 'The token is not valid.',
  scope: (scope: string) => `This needs the \`${scope}\` scope.`,
  mismatch: 'This idempotency key was already used with a different request body.',
  noLinkedUser: 'This user has no Dots account yet: finish onboarding (a DotsFlow) first.',
  invalidJson: 'The request body is not valid JSON.',
} as const;

/** One field problem of a 400 `invalid_input` (the broker's `details.fields[]`). */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** A 400 `invalid_input` naming each bad field, as the broker's `parseInput` does. */
export const invalid = (fields: FieldIssue[]) =>
  error(
    'invalid_input',
    `Invalid request: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
    {
      fields,
    },
  );
