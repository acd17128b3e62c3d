/**
 * The fake broker's checks of browser create bodies: the same fields, the same paths and
 * issue codes as the broker's strict schemas (`browserFlowBodySchema`,
 * `browserPayoutLinkBodySchema`), without zod. Only what a widget or a host test can get
 * wrong is modelled; the broker's messages may say it in other words.
 */
import { FLOW_STEP_NAMES } from '@dotskit/api/wire';
import type { FieldIssue } from './http';

type Body = Record<string, unknown>;

const MAX_STEPS = 8;
const STEP_OPTIONS = ['name', 'hide_continue_button', 'redirect_url'];
const isStepName = (v: unknown) => (FLOW_STEP_NAMES as readonly unknown[]).includes(v);
const isObject = (v: unknown): v is Body => !!v && typeof v === 'object' && !Array.isArray(v);

/** One issue per unknown key, at its own path (`prefix` is the parent's, '' at the top). */
const unknownKeys = (body: Body, allowed: string[], prefix: string): FieldIssue[] =>
  Object.keys(body)
    .filter((k) => !allowed.includes(k))
    .map((k) => ({ path: `${prefix}${k}`, code: 'unrecognized_keys', message: 'Unknown field' }));

/** Issues of `idempotency_key`: optional, 1–255 printable ASCII characters without spaces. */
export function keyIssues(key: unknown): FieldIssue[] {
  if (key === undefined || key === null) return [];
  return typeof key === 'string' && /^[\x21-\x7e]{1,255}$/.test(key)
    ? []
    : [
        {
          path: 'idempotency_key',
          code: 'invalid_format',
          message: 'idempotency_key must be 1–255 printable ASCII characters without spaces',
        },
      ];
}

function stepIssues(steps: unknown, path: string, min: number): FieldIssue[] {
  if (!Array.isArray(steps))
    return [{ path, code: 'invalid_type', message: 'Expected an array of steps' }];
  const issues: FieldIssue[] = [];
  if (steps.length < min)
    issues.push({ path, code: 'too_small', message: 'At least one step is required' });
  if (steps.length > MAX_STEPS)
    issues.push({ path, code: 'too_big', message: `At most ${MAX_STEPS} steps` });
  steps.forEach((s, i) => {
    const name = isObject(s) ? s.name : s;
    if (!isStepName(name))
      issues.push({
        path: `${path}.${i}${isObject(s) ? '.name' : ''}`,
        code: 'invalid_value',
        message: `Must be one of ${FLOW_STEP_NAMES.join(', ')}`,
      });
    if (isObject(s)) issues.push(...unknownKeys(s, STEP_OPTIONS, `${path}.${i}.`));
  });
  const names = steps.map((s) => (isObject(s) ? s.name : s));
  if (new Set(names).size !== names.length)
    issues.push({ path, code: 'custom', message: 'Each step may appear only once' });
  return issues;
}

const metadataIssues = (metadata: unknown): FieldIssue[] =>
  metadata === undefined || isObject(metadata)
    ? []
    : [{ path: 'metadata', code: 'invalid_type', message: 'Expected an object' }];

/** Issues of a browser `POST /flows` body (besides `idempotency_key`). */
export function flowBodyIssues(body: Body): FieldIssue[] {
  const issues = [
    ...unknownKeys(body, ['steps', 'hide_go_to_dashboard_on_complete', 'metadata'], ''),
    ...stepIssues(body.steps, 'steps', 1),
    ...metadataIssues(body.metadata),
  ];
  const hide = body.hide_go_to_dashboard_on_complete;
  if (hide !== undefined && typeof hide !== 'boolean')
    issues.push({
      path: 'hide_go_to_dashboard_on_complete',
      code: 'invalid_type',
      message: 'Expected a boolean',
    });
  return issues;
}

/** Issues of a browser `POST /payout-links` body (besides `idempotency_key`). */
export function payoutLinkBodyIssues(body: Body): FieldIssue[] {
  const allowed = ['amount', 'memo', 'payee', 'delivery', 'metadata', 'additional_steps'];
  const issues = [...unknownKeys(body, allowed, ''), ...metadataIssues(body.metadata)];
  if (!Number.isInteger(body.amount) || (body.amount as number) <= 0)
    issues.push({
      path: 'amount',
      code: typeof body.amount === 'number' ? 'too_small' : 'invalid_type',
      message: 'Amount must be a positive integer (cents)',
    });
  if (body.memo !== undefined && (typeof body.memo !== 'string' || body.memo.length > 500))
    issues.push({ path: 'memo', code: 'invalid_type', message: 'Expected a string of ≤ 500' });
  for (const key of ['payee', 'delivery'])
    if (body[key] !== undefined && !isObject(body[key]))
      issues.push({ path: key, code: 'invalid_type', message: 'Expected an object' });
  if (body.additional_steps !== undefined)
    issues.push(...stepIssues(body.additional_steps, 'additional_steps', 0));
  return issues;
}
