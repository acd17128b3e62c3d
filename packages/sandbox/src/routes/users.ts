import { createUserBodySchema, updateUserBodySchema, userStatusSchema } from '@dotskit/api';
import { Router } from 'express';
import type { SandboxEngine } from '../state/engine';
import { invalidInput } from '../state/errors';
import { serializeUser } from '../state/serialize';
import { createUser, liveUser } from '../state/users';
import { idempotent } from './idempotency';
import { paginate } from './pagination';
import { parseQuery, query } from './query';
import { ownedList } from './scope';
import { parseBody } from './validate';

/** `/v2/users`: create (201), list (`status` filter + pagination), retrieve, update. */
export function usersRouter(engine: SandboxEngine, r: Router = Router()): Router {
  r.post('/v2/users', (req, res) => {
    idempotent(engine, req, res, 'users', () => {
      const body = parseBody(createUserBodySchema, req.body);
      const user = createUser(engine, res.locals.appId, {
        ...body,
        metadata: body.metadata ?? null,
      });
      return { status: 201, body: serializeUser(user) };
    });
  });
  r.get('/v2/users', (req, res) => {
    const { status } = parseQuery(req, { status: query.oneOf(userStatusSchema.options) });
    const users = ownedList(engine.store.users, res.locals.appId).filter(
      (u) => !u.deleted && (!status || u.status === status),
    );
    const page = paginate(users, req);
    res.json({ data: page.data.map(serializeUser), has_more: page.has_more });
  });
  r.get('/v2/users/:id', (req, res) => {
    res.json(serializeUser(liveUser(engine, res.locals.appId, req.params.id)));
  });
  r.patch('/v2/users/:id', (req, res) => {
    const user = liveUser(engine, res.locals.appId, req.params.id);
    const body = parseBody(updateUserBodySchema, req.body);
    if (body.default_payout_method) {
      const method = body.default_payout_method;
      if (method !== 'paypal' && method !== 'venmo' && method !== 'ach')
        throw invalidInput(`${method} payouts are not emulated.`, 'default_payout_method');
      if (!user.payout_methods.some((m) => m.platform === method)) {
        throw invalidInput(
          `The user has no ${method} payout method configured.`,
          'default_payout_method',
        );
      }
      user.default_payout_method = method;
    }
    if (body.auto_payout_enabled !== undefined) user.auto_payout_enabled = body.auto_payout_enabled;
    if (body.date_of_birth) {
      user.date_of_birth = body.date_of_birth;
      user.compliance.date_of_birth_collected = true;
    }
    if (body.metadata !== undefined) user.metadata = body.metadata;
    if (body.payout_options_exclude_list)
      user.payout_options_exclude_list = body.payout_options_exclude_list;
    res.json(serializeUser(user));
  });
  return r;
}
