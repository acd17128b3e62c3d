import { createFlowBodySchema } from '@dotskit/api';
import { Router } from 'express';
import type { SandboxEngine } from '../state/engine';
import { createFlow } from '../state/flows';
import { userForApp } from '../state/money';
import { serializeFlow } from '../state/serialize';
import type { StepOptions } from '../state/types';
import { requestOrigin } from './http';
import { idempotent } from './idempotency';
import { paginate } from './pagination';
import { owned, ownedList } from './scope';
import { parseBody } from './validate';

/** `/v2/flows`: create (200, as v2.yaml says), list, retrieve. Links point at this server's `/flow/:id`. */
export function flowsRouter(engine: SandboxEngine, r: Router = Router()): Router {
  r.post('/v2/flows', (req, res) => {
    idempotent(engine, req, res, 'flows', () => {
      const body = parseBody(createFlowBodySchema, req.body);
      if (body.user_id) userForApp(engine, res.locals.appId, body.user_id);
      const flow = createFlow(engine, res.locals.appId, {
        steps: body.steps as (string | StepOptions)[] as StepOptions[],
        user_id: body.user_id ?? null,
        metadata: body.metadata ?? null,
        hide_go_to_dashboard_on_complete: body.hide_go_to_dashboard_on_complete,
      });
      if (body.require_auth) flow.expires_at = null;
      return { status: 200, body: serializeFlow(flow, requestOrigin(engine, req)) };
    });
  });
  r.get('/v2/flows', (req, res) => {
    const origin = requestOrigin(engine, req);
    const page = paginate(ownedList(engine.store.flows, res.locals.appId), req);
    res.json({ data: page.data.map((f) => serializeFlow(f, origin)), has_more: page.has_more });
  });
  r.get('/v2/flows/:id', (req, res) => {
    const flow = owned(engine.store.flows, res.locals.appId, req.params.id, 'flow');
    res.json(serializeFlow(flow, requestOrigin(engine, req)));
  });
  return r;
}
