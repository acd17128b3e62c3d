import { flowExpiresAt } from '@dotskit/api/wire';
import type { SandboxEngine } from './engine';
import { invalidInput, notFound, SandboxError } from './errors';
import { newId } from './ids';
import { payout } from './money';
import { claimPayoutLink, isClaimable, payOutLink } from './payout-links';
import { checkStepInput, dollarsToCents, field, type StepInput } from './step-inputs';
import { stepList } from './step-lists';
import type { FlowRecord, Metadata, StepName, StepOptions, UserRecord } from './types';
import { createUser, type NewUser, setPayoutMethod } from './users';

/** Fields a flow is created with (already validated). */
export interface NewFlow {
  steps: (StepName | StepOptions)[];
  user_id?: string | null;
  metadata?: Metadata;
  hide_go_to_dashboard_on_complete?: boolean;
  payout_link_id?: string | null;
}

/** Creates a flow; one created with `user_id` starts signed in and expires after 15 minutes. */
export function createFlow(engine: SandboxEngine, appId: string, input: NewFlow): FlowRecord {
  const now = engine.clock.now();
  const userId = input.user_id ?? null;
  const flow: FlowRecord = {
    id: newId(),
    app_id: appId,
    created: now,
    // The one rule (`@dotskit/api/wire`): only a flow created with a user expires.
    expires_at: flowExpiresAt({ user_id: userId }, now),
    user_id: userId,
    steps: stepList(input.steps),
    completed_steps: [],
    metadata: input.metadata ?? null,
    payout_link_id: input.payout_link_id ?? null,
    hide_go_to_dashboard_on_complete: input.hide_go_to_dashboard_on_complete ?? false,
  };
  engine.store.flows.set(flow.id, flow);
  return flow;
}

/** The flow `id`, or 404. */
export function getFlow(engine: SandboxEngine, id: string): FlowRecord {
  const flow = engine.store.flows.get(id);
  if (!flow) throw notFound('flow', id);
  return flow;
}

/** True once a user-bound flow's link has passed its 15 minutes. */
export const isExpired = (engine: SandboxEngine, flow: FlowRecord): boolean =>
  flow.expires_at !== null && engine.clock.now() >= flow.expires_at;

/** The first requested step not completed yet, or null when the flow covers all its steps. */
export const nextStep = (flow: FlowRecord): StepOptions | null =>
  flow.steps.find((s) => !flow.completed_steps.includes(s.name)) ?? null;

function assertOpen(engine: SandboxEngine, flow: FlowRecord): void {
  if (isExpired(engine, flow))
    throw new SandboxError({
      code: 'invalid-input',
      message: 'This flow link has expired; create a new flow.',
      status: 400,
    });
}

/**
 * Authentication/onboarding: creates the user from `input`, links it to the flow (which
 * gains `user_id`), claims the flow's payout link if any, and fires `flow.updated`.
 */
export function onboardFlow(engine: SandboxEngine, flow: FlowRecord, input: NewUser): UserRecord {
  assertOpen(engine, flow);
  if (flow.user_id) throw invalidInput('This flow already has a user.');
  const user = createUser(engine, flow.app_id, input);
  flow.user_id = user.id;
  if (flow.payout_link_id) claimPayoutLink(engine, flow.payout_link_id, user);
  engine.emit('flow.updated', { event: 'flow.updated', flow_id: flow.id });
  return user;
}

/** The iframe message status of a completed step. */
export type StepCompletion = 'completed' | 'completed-saved';

/**
 * Completes `step` of `flow` as the person would by submitting its form with `input`
 * (checked like the form), with the same side effects: the user's compliance, payout
 * method or wallet changes, transfers for payout steps, `completed_steps` and webhooks.
 */
export function completeStep(
  engine: SandboxEngine,
  flow: FlowRecord,
  step: StepName,
  input: StepInput,
): StepCompletion {
  assertOpen(engine, flow);
  if (!flow.steps.some((s) => s.name === step))
    throw invalidInput(`Step ${step} is not part of this flow.`, 'step');
  const user = flow.user_id ? engine.store.users.get(flow.user_id) : undefined;
  if (!user)
    throw new SandboxError({
      code: 'user-info-missing',
      message: 'Sign in (onboarding) before completing steps.',
      status: 400,
    });
  const link = flow.payout_link_id ? engine.store.payoutLinks.get(flow.payout_link_id) : undefined;
  checkStepInput(step, input, link !== undefined);
  if (link && isClaimable(link)) claimPayoutLink(engine, link.id, user);
  let result: StepCompletion = 'completed';
  switch (step) {
    case 'compliance':
      user.compliance.tax_id_collected = true;
      user.compliance.date_of_birth_collected = true;
      user.date_of_birth = field(input, 'date_of_birth');
      break;
    case 'id-verification':
      user.compliance.id_verified = true;
      user.status = 'verified';
      engine.emit('user.updated.ide_verified', { user_id: user.id });
      break;
    case 'background-check':
      user.compliance.background_check = 'pass';
      engine.emit('user.updated.background_check', { user_id: user.id });
      break;
    case 'manage-payments':
      user.compliance.bank_connected = true;
      break;
    case 'manage-payouts':
      if (!connectMethod(engine, user, input)) result = 'completed-saved';
      break;
    case 'payout': {
      connectMethod(engine, user, input);
      const platform = field(input, 'platform');
      if (link) payOutLink(engine, link, user, platform, flow.id);
      else
        payout(engine, flow.app_id, user, {
          amount: dollarsToCents(field(input, 'amount')),
          platform,
          flowId: flow.id,
        });
      break;
    }
    case 'redirect':
    case 'pdf-form-fill':
      break;
    default:
      step satisfies never;
  }
  if (!flow.completed_steps.includes(step)) flow.completed_steps.push(step);
  engine.emit('flow.updated', { event: 'flow.updated', flow_id: flow.id });
  return result;
}

function connectMethod(engine: SandboxEngine, user: UserRecord, input: StepInput): boolean {
  const platform = field(input, 'platform');
  if (platform === 'ach') {
    return setPayoutMethod(engine, user, {
      platform,
      mask: field(input, 'account_number').slice(-4),
      routing_number: field(input, 'routing_number'),
      account_type: 'checking',
      description: 'Bank account',
    });
  }
  return setPayoutMethod(
    engine,
    user,
    platform === 'venmo'
      ? { platform, phone_number: field(input, 'phone_number') }
      : { platform: 'paypal', email: field(input, 'email') },
  );
}
