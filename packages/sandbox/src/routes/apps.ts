import { createAppBodySchema } from '@dotskit/api';
import { Router } from 'express';
import type { SandboxEngine } from '../state/engine';
import { notFound } from '../state/errors';
import { serializeApp } from '../state/serialize';
import type { AppRecord } from '../state/types';
import { idempotent } from './idempotency';
import { paginate } from './pagination';
import { parseBody } from './validate';

/** `/v2/apps`: create (201, wallet pre-funded with $100), list (a plain array, as v2.yaml says), retrieve. */
export function appsRouter(engine: SandboxEngine, r: Router = Router()): Router {
  const render = (a: AppRecord) =>
    serializeApp(a, [...engine.store.users.values()].filter((u) => u.app_id === a.id).length);
  r.post('/v2/apps', (req, res) => {
    idempotent(engine, req, res, 'apps', () => {
      const body = parseBody(createAppBodySchema, req.body);
      const app = engine.createApp(body.name, body.metadata ?? null);
      engine.emit('app.updated', { app_id: app.id });
      return { status: 201, body: render(app) };
    });
  });
  r.get('/v2/apps', (req, res) => {
    res.json(paginate([...engine.store.apps.values()], req).data.map(render));
  });
  r.get('/v2/apps/:id', (req, res) => {
    const app = engine.store.apps.get(req.params.id);
    if (!app) throw notFound('app', req.params.id);
    res.json(render(app));
  });
  return r;
}
