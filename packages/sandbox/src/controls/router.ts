import { isFlowStepName } from '@dotskit/api/wire';
import { Router } from 'express';
import { requestOrigin } from '../routes/http';
import type { SandboxEngine } from '../state/engine';
import { invalidInput, notFound } from '../state/errors';
import { completeStep, getFlow, nextStep, onboardFlow } from '../state/flows';
import { isoTime } from '../state/ids';
import { claimPayoutLink, isClaimable } from '../state/payout-links';
import { serializeFlow, serializePayoutLink } from '../state/serialize';
import { defaultStepInput } from '../state/step-inputs';
import type { FlowRecord, StepName, UserRecord } from '../state/types';
import type { NewUser } from '../state/users';
import type { SandboxFaults } from './faults';

/** Mutable fault settings shared with the fault injector. */
export interface FaultsHolder {
  current: SandboxFaults;
}

const body = (b: unknown): Record<string, unknown> =>
  b && typeof b === 'object' ? (b as Record<string, unknown>) : {};

let counter = 0;
function sandboxUser(given: unknown): NewUser {
  counter += 1;
  const u = body(given);
  const s = (k: string, d: string) => (typeof u[k] === 'string' ? (u[k] as string) : d);
  return {
    first_name: s('first_name', 'Sandy'),
    last_name: s('last_name', `Tester${counter}`),
    email: s('email', `sandy.tester${counter}@example.com`),
    country_code: s('country_code', '1'),
    phone_number: s('phone_number', `415555${String(1000 + (counter % 9000))}`),
  };
}

/** The flow's user, signing in as a made-up one first when the flow has none yet. */
function ensureUser(engine: SandboxEngine, flow: FlowRecord, given: unknown): UserRecord {
  const user = flow.user_id ? engine.store.users.get(flow.user_id) : undefined;
  return user ?? onboardFlow(engine, flow, sandboxUser(given));
}

function complete(engine: SandboxEngine, flow: FlowRecord, step: StepName, input: unknown) {
  const user = ensureUser(engine, flow, body(input).user);
  const link = flow.payout_link_id ? engine.store.payoutLinks.get(flow.payout_link_id) : undefined;
  const values = { ...defaultStepInput(step, user, link?.amount ?? user.wallet), ...body(input) };
  return completeStep(engine, flow, step, values);
}

/**
 * Test controls under `/_sandbox/` (mounted only when enabled): reset, complete flow
 * steps as the user would, claim payout links, webhook endpoints and deliveries, faults,
 * the emulated clock and an app's wallet. Bodies are JSON; errors use Dots' shape.
 */
export function controlsRouter(engine: SandboxEngine, faults: FaultsHolder): Router {
  const r = Router();
  r.post('/_sandbox/reset', (_req, res) => {
    engine.reset();
    faults.current = {};
    res.json({ ok: true, app_id: engine.defaultAppId });
  });

  r.post('/_sandbox/flows/:id/steps/:step/complete', (req, res) => {
    const flow = getFlow(engine, req.params.id);
    const step = req.params.step;
    if (!isFlowStepName(step)) throw invalidInput(`Unknown step ${step}.`, 'step');
    const status = complete(engine, flow, step, req.body);
    res.json({ flow: serializeFlow(flow, requestOrigin(engine, req)), message: { step, status } });
  });

  r.post('/_sandbox/flows/:id/complete', (req, res) => {
    const flow = getFlow(engine, req.params.id);
    const messages: { step: StepName; status: string }[] = [];
    for (let step = nextStep(flow); step; step = nextStep(flow)) {
      messages.push({ step: step.name, status: complete(engine, flow, step.name, req.body) });
    }
    if (!flow.user_id) ensureUser(engine, flow, body(req.body).user);
    res.json({ flow: serializeFlow(flow, requestOrigin(engine, req)), messages });
  });

  r.post('/_sandbox/payout-links/:id/claim', (req, res) => {
    const link = engine.store.payoutLinks.get(req.params.id);
    if (!link) throw notFound('payout link', req.params.id);
    const flow = getFlow(engine, link.flow_id);
    const b = body(req.body);
    const user = ensureUser(engine, flow, b.user);
    if (isClaimable(link)) claimPayoutLink(engine, link.id, user);
    if (b.payout !== false) {
      for (let step = nextStep(flow); step; step = nextStep(flow))
        complete(engine, flow, step.name, b);
    }
    res.json(serializePayoutLink(link, requestOrigin(engine, req)));
  });

  r.get('/_sandbox/users/:id/verification-token', (req, res) => {
    const user = engine.store.users.get(req.params.id);
    if (!user) throw notFound('user', req.params.id);
    res.json({ token: user.verification_token });
  });

  r.post('/_sandbox/webhook-endpoints', (req, res) => {
    const b = body(req.body);
    if (typeof b.url !== 'string') throw invalidInput('url is required.', 'url');
    try {
      const ep = engine.webhooks.addEndpoint(
        b.url,
        typeof b.secret === 'string' ? b.secret : undefined,
      );
      res.status(201).json({ id: ep.id, url: ep.url, secret: ep.secret });
    } catch (err) {
      throw invalidInput(
        err instanceof Error ? err.message.replace('[dotskit] ', '') : 'Invalid endpoint.',
        'url',
      );
    }
  });
  r.get('/_sandbox/webhook-endpoints', (_req, res) => {
    res.json({ data: engine.webhooks.endpoints().map((e) => ({ id: e.id, url: e.url })) });
  });
  r.get('/_sandbox/webhook-deliveries', (req, res) => {
    const type = typeof req.query.event_type === 'string' ? req.query.event_type : undefined;
    res.json({ data: engine.webhooks.deliveries().filter((d) => !type || d.event_type === type) });
  });

  r.get('/_sandbox/faults', (_req, res) => {
    res.json(faults.current);
  });
  r.put('/_sandbox/faults', (req, res) => {
    const b = body(req.body);
    const num = (k: string, min: number, max: number) => {
      const v = b[k];
      if (v === undefined) return undefined;
      if (typeof v !== 'number' || v < min || v > max)
        throw invalidInput(`${k} must be a number from ${min} to ${max}.`, k);
      return v;
    };
    const next: SandboxFaults = {
      latency_ms: num('latency_ms', 0, 60_000),
      error_rate: num('error_rate', 0, 1),
      error_status: num('error_status', 400, 599),
      path_prefix: typeof b.path_prefix === 'string' ? b.path_prefix : undefined,
    };
    faults.current = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined));
    res.json(faults.current);
  });

  r.post('/_sandbox/clock/advance', (req, res) => {
    const seconds = body(req.body).seconds;
    if (typeof seconds !== 'number' || !(seconds >= 0))
      throw invalidInput('seconds must be a non-negative number.', 'seconds');
    engine.clock.advance(seconds * 1000);
    res.json({ now: isoTime(engine.clock.now()) });
  });
  r.get('/_sandbox/clock', (_req, res) => {
    res.json({ now: isoTime(engine.clock.now()) });
  });
  // Dots' sandbox accounts start with $100 and "additional funds can be added as needed".
  r.post('/_sandbox/apps/:id/wallet', (req, res) => {
    const app = engine.store.apps.get(req.params.id);
    if (!app) throw notFound('app', req.params.id);
    const amount = body(req.body).amount;
    if (!Number.isSafeInteger(amount) || (amount as number) <= 0)
      throw invalidInput('amount must be a positive integer number of cents.', 'amount');
    app.wallet += amount as number;
    res.json({ app_id: app.id, wallet: app.wallet });
  });
  return r;
}
