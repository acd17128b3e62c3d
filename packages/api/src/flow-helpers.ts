import type { Flow, FlowStep, FlowStepName } from './schemas/flow';

/** The name of a step given as a string or as `{ name, ...options }`. */
export function flowStepName(step: FlowStep): FlowStepName {
  return typeof step === 'string' ? step : step.name;
}

/**
 * Whether a flow is done: every step in `steps` appears in `completed_steps`
 * (Dots sends no "flow completed" event). A flow with no steps is not complete.
 */
export function isFlowComplete(flow: Pick<Flow, 'steps' | 'completed_steps'>): boolean {
  const steps = flow.steps ?? [];
  if (steps.length === 0) return false;
  const done = new Set((flow.completed_steps ?? []).map(flowStepName));
  return steps.every((step) => done.has(flowStepName(step)));
}
