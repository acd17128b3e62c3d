import { BROKER_ERROR_STATUS, type BrokerErrorCode } from '@dotskit/api/wire';
import { expect } from 'vitest';

/**
 * A broker the contract suite runs against: the real one (over the running sandbox) or
 * the fake of `@dotskit/react/testing`. Everything a case needs beyond HTTP is here, in
 * the terms of the broker's contract, so that each target does it its own way.
 */
export interface BrokerContractTarget {
  /** The broker's base URL, without a trailing slash (`…/dots`). */
  url: string;
  /** How to call it: the global `fetch` for a listening broker, the fake's own `fetch`. */
  fetch: typeof fetch;
  /** Origin of Dots' hosted pages: a flow's `link` is `${flowOrigin}/flow/${id}`. */
  flowOrigin: string;
  /** A bearer token for `principal` holding `scopes` (omitted: every scope the broker checks). */
  token(principal: string, scopes?: readonly string[]): Promise<string>;
  /** Links a Dots user to `principal`, as a finished onboarding does (`GET /wallet` then answers). */
  linkUser(principal: string): Promise<void>;
  /**
   * The host pays `cents` into the wallet of `principal`'s linked user (linking one first
   * when needed): a transfer of the principal that completes; resolves with its id once
   * the broker has recorded it.
   */
  fund(principal: string, cents: number): Promise<string>;
  /** The payee claims payout link `id`: Dots marks it `claimed`, the broker hears of it. */
  claimPayoutLink(id: string): Promise<void>;
  /** The user walks flow `id` to its end (a new Dots user when it had none); the broker hears of it. */
  completeFlow(id: string): Promise<void>;
}

/** Makes a target (once per suite) and how to stop it. */
export type BrokerContractFactory = () => Promise<{
  target: BrokerContractTarget;
  close(): Promise<void>;
}>;

let seq = 0;
const run = Math.random().toString(36).slice(2, 8);

/** A principal name no other case of this run uses (targets are shared between cases). */
export const uniquePrincipal = (name: string): string => `${name}-${run}-${++seq}`;

/** A resource as the cases read it. */
export type ContractResource = Record<string, unknown> & { id: string };

/**
 * A JSON answer body as the cases read it: whichever of these fields the answer has (the
 * cases assert which, the type only names them).
 */
export type ContractBody = ContractResource & {
  error: {
    code: string;
    message: string;
    details?: {
      fields?: { path: string; code: string; message: string }[];
      required_scope?: string;
    };
  };
  data: ContractResource[];
  has_more: boolean;
};

/** One answer of the broker: status, headers and the parsed JSON body. */
export interface ContractAnswer {
  status: number;
  headers: Headers;
  body: ContractBody;
}

/** Calls `path` on the target as `token` (or anonymously), sending `body` as JSON. */
export async function call(
  t: BrokerContractTarget,
  method: 'GET' | 'POST',
  path: string,
  { token, body }: { token?: string; body?: unknown } = {},
): Promise<ContractAnswer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await t.fetch(`${t.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/**
 * Asserts the broker's error answer for `code`: the status it gives that code, and a body
 * that is exactly `{ error: { code, message, details? } }` with a non-empty message.
 */
export function expectBrokerError(answer: ContractAnswer, code: BrokerErrorCode): void {
  expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({
    status: BROKER_ERROR_STATUS[code],
    code,
  });
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(answer.body)).toEqual(['error']);
  for (const key of Object.keys(answer.body.error))
    expect(['code', 'message', 'details']).toContain(key);
  expect(typeof answer.body.error.message).toBe('string');
  expect(answer.body.error.message.length).toBeGreaterThan(0);
}

/** The field paths of a 400 `invalid_input`, after asserting it is one. */
export function invalidFields(answer: ContractAnswer): string[] {
  expectBrokerError(answer, 'invalid_input');
  const fields = answer.body.error.details?.fields ?? [];
  expect(fields.length).toBeGreaterThan(0);
  for (const f of fields) expect(Object.keys(f).sort()).toEqual(['code', 'message', 'path']);
  return fields.map((f) => f.path);
}

/** The ids of a list page, after asserting its shape `{ data: [...], has_more }`. */
export function pageIds(answer: ContractAnswer): string[] {
  expect(answer.status).toBe(200);
  expect(Object.keys(answer.body).sort()).toEqual(['data', 'has_more']);
  expect(typeof answer.body.has_more).toBe('boolean');
  return answer.body.data.map((r) => r.id);
}
