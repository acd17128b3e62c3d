import { createUserBodySchema } from '@dotskit/api';
import { isFlowStepName } from '@dotskit/api/wire';
import express, { type Request, type Response, Router } from 'express';
import { errorBody } from '../routes/http';
import { parseBody } from '../routes/validate';
import type { SandboxEngine } from '../state/engine';
import { SandboxError } from '../state/errors';
import { completeStep, onboardFlow } from '../state/flows';
import { checkOnboardingInput } from '../state/step-inputs';
import type { StepName } from '../state/types';
import { CLIENT_SCRIPT } from './client-script';
import { dashboardMain } from './dashboard-view';
import { flowMain, page } from './flow-view';
import type { FormState } from './html';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'self' http: https:; base-uri 'none'";

const queryString = (req: Request) => {
  const i = req.originalUrl.indexOf('?');
  return i < 0 ? '' : req.originalUrl.slice(i);
};
const wantsJson = (req: Request) => (req.get('accept') ?? '').includes('application/json');

function sendPage(
  res: Response,
  status: number,
  title: string,
  main: string,
  req: Request,
  attrs = '',
) {
  res
    .status(status)
    .set('Content-Security-Policy', CSP)
    .type('html')
    .send(page(title, main, req.query.styles, attrs));
}

function formState(err: unknown, values: Record<string, string>): FormState {
  if (!(err instanceof SandboxError)) throw err;
  const errors: Record<string, string> = {};
  for (const d of err.details ?? []) errors[d.field.split('.')[0] ?? d.field] = d.message;
  return { errors, values, message: err.details ? undefined : err.dotsMessage };
}

const stringValues = (body: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  );

/**
 * Hosted pages: `GET /flow/:id` (also a payout link's page) and its form posts
 * (`/onboarding`, `/steps/:step`), the user's dashboard `GET /flow/:id/dashboard`, and
 * `/assets/flow.js`. Posts answer JSON
 * `{ html, message?, redirect_url? }` to the page script, or redirect (303) without it.
 */
export function pagesRouter(engine: SandboxEngine): Router {
  const r = Router();
  r.use(
    '/flow',
    express.urlencoded({ extended: false, limit: '32kb' }),
    express.json({ limit: '32kb' }),
  );
  r.get('/assets/flow.js', (_req, res) => {
    res.type('js').set('Cache-Control', 'no-cache').send(CLIENT_SCRIPT);
  });

  r.get('/flow/:id', (req, res) => {
    const flow = engine.store.flows.get(req.params.id);
    if (!flow)
      return sendPage(
        res,
        404,
        'Not found',
        '<h1 id="flow-title" tabindex="-1">This flow does not exist</h1>',
        req,
      );
    sendPage(
      res,
      200,
      'Flow',
      flowMain(engine, flow, queryString(req)),
      req,
      ` data-flow-id="${flow.id}"`,
    );
  });

  r.get('/flow/:id/dashboard', (req, res) => {
    const flow = engine.store.flows.get(req.params.id);
    if (!flow)
      throw new SandboxError({
        code: 'not-found',
        message: `No flow with id ${req.params.id}.`,
        status: 404,
      });
    sendPage(res, 200, 'Dashboard', dashboardMain(engine, flow, queryString(req)), req);
  });

  const submit = (
    req: Request,
    res: Response,
    act: () => { step?: StepName; status?: string; redirect?: string },
  ) => {
    const flow = engine.store.flows.get(String(req.params.id));
    if (!flow)
      throw new SandboxError({
        code: 'not-found',
        message: `No flow with id ${req.params.id}.`,
        status: 404,
      });
    const qs = queryString(req);
    try {
      const done = act();
      const message = done.step ? { step: done.step, status: done.status } : undefined;
      if (wantsJson(req)) {
        res.json({
          html: flowMain(engine, flow, qs, {}, done.step),
          message,
          redirect_url: done.redirect,
        });
      } else {
        res.redirect(303, done.redirect ?? `/flow/${flow.id}${qs}`);
      }
    } catch (err) {
      const state = formState(err, stringValues(req.body));
      if (wantsJson(req))
        res.status((err as SandboxError).status).json(errorBody(err as SandboxError));
      else
        sendPage(
          res,
          (err as SandboxError).status,
          'Flow',
          flowMain(engine, flow, qs, state),
          req,
          ` data-flow-id="${flow.id}"`,
        );
    }
  };

  r.post('/flow/:id/onboarding', (req, res) => {
    submit(req, res, () => {
      const flow = engine.store.flows.get(req.params.id)!;
      const values = checkOnboardingInput((req.body ?? {}) as Record<string, unknown>);
      onboardFlow(engine, flow, parseBody(createUserBodySchema, values));
      return {};
    });
  });

  r.post('/flow/:id/steps/:step', (req, res) => {
    submit(req, res, () => {
      const flow = engine.store.flows.get(req.params.id)!;
      const step = req.params.step;
      if (!isFlowStepName(step))
        throw new SandboxError({
          code: 'not-found',
          message: `Unknown step ${step}.`,
          status: 404,
        });
      const status = completeStep(engine, flow, step, (req.body ?? {}) as Record<string, unknown>);
      const redirect =
        step === 'redirect'
          ? flow.steps.find((s) => s.name === 'redirect')?.redirect_url
          : undefined;
      return { step, status, redirect };
    });
  });

  return r;
}
