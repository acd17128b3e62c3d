import { FLOW_STEP_NAMES, type Flow, type FlowStep, type FlowStepName } from './resources';

/** The name of a step given as a string or as `{ name, ...options }`. */
export const flowStepName = (step: FlowStep): FlowStepName =>
  typeof step === 'string' ? step : step.name;

/** Whether `value` is one of Dots' step names (check before a string is typed as one). */
export const isFlowStepName = (value: unknown): value is FlowStepName =>
  (FLOW_STEP_NAMES as readonly unknown[]).includes(value);

/**
 * Whether a flow is done: it has steps and `completed_steps` names every one of them
 * (DOTS-FACTS; Dots sends no "flow completed" event). A flow with no steps is not
 * complete: Dots creates none (`steps` needs at least one), so such a body is not a
 * flow to finish, and calling it complete would fire completion on malformed data.
 */
export function isFlowComplete(flow: Pick<Flow, 'steps' | 'completed_steps'>): boolean {
  const steps = flow.steps ?? [];
  const done = (flow.completed_steps ?? []).map(flowStepName);
  return steps.length > 0 && steps.every((step) => done.includes(flowStepName(step)));
}

/** How long the link of a flow created with a `user_id` stays usable: 15 minutes. */
export const FLOW_LINK_TTL_MS = 15 * 60_000;

/**
 * A Dots timestamp in epoch ms. Dots sends ISO 8601 without a zone
 * (`2024-07-30T13:19:09.438268`), meaning UTC, and HTTP dates in `status_history`;
 * `NaN` when missing or unreadable.
 */
export function parseDotsTime(timestamp: string | undefined): number {
  const t = timestamp ?? '';
  // Only a zone-less date-time gets `Z`; dates, zoned times and HTTP dates parse as they are.
  return Date.parse(/^\d{4}-\d\d-\d\d[T ][\d:.]+$/.test(t) ? `${t}Z` : t);
}

/**
 * When a flow's link stops working, in epoch ms, or `null` when it does not expire.
 * Dots expires only flows created with a `user_id` (they start signed in), 15 minutes
 * after creation; a flow created without one (a first-time seller onboarding) does not
 * expire, even after it gains a `user_id` when sign-in is done. So pass the flow as its
 * creation answered (`POST /v2/flows`), not a later read, and when it was created:
 * `parseDotsTime(flow.created)`, or the local time the creation answer arrived (which
 * avoids clock skew between Dots and a browser).
 */
export function flowExpiresAt(flow: Pick<Flow, 'user_id'>, createdAtMs: number): number | null {
  return flow.user_id ? createdAtMs + FLOW_LINK_TTL_MS : null;
}
