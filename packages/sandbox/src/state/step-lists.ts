import type { StepName, StepOptions } from './types';

/** Distinct plain step lists kept for sharing; the step names are an enum, so few occur. */
const MAX_SHARED = 256;
const shared = new Map<string, readonly StepOptions[]>();

/**
 * A new flow's steps. A list of plain steps (names, or objects with only a `name`) is one
 * frozen list shared by every flow with the same names, so a sandbox holding hundreds of
 * thousands of flows keeps a few lists instead of three objects each (less for the garbage
 * collector to trace); steps with options are copied per flow. Flows never change their
 * steps, which the freeze enforces.
 */
export function stepList(input: readonly (StepName | StepOptions)[]): readonly StepOptions[] {
  const names: StepName[] = [];
  for (const s of input) {
    if (typeof s === 'string') names.push(s);
    else if (Object.keys(s).length === 1 && typeof s.name === 'string') names.push(s.name);
    else return input.map((x) => (typeof x === 'string' ? { name: x } : { ...x }));
  }
  const key = names.join(' ');
  const hit = shared.get(key);
  if (hit) return hit;
  const list = Object.freeze(names.map((name) => Object.freeze({ name })));
  if (shared.size < MAX_SHARED) shared.set(key, list);
  return list;
}
