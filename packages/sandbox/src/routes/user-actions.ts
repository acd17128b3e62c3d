import { randomInt } from 'node:crypto';
import {
  addPayoutMethodBodySchema,
  addUserAddressBodySchema,
  sendVerificationTokenBodySchema,
  submitComplianceBodySchema,
  verifyUserBodySchema,
} from '@dotskit/api';
import type { Router } from 'express';
import type { SandboxEngine } from '../state/engine';
import { invalidInput } from '../state/errors';
import { addPayoutMethod } from '../state/payout-methods';
import { serializePayoutMethod, serializeUser } from '../state/serialize';
import { liveUser } from '../state/users';
import { parseBody } from './validate';

/**
 * The user sub-resources of v2.yaml: `DELETE /v2/users/:id`, `PUT …/compliance`,
 * `POST …/send-verification-token` (202) and `POST …/verify`, `GET` / `PUT
 * …/payout-methods`, `PUT …/addresses`. Operations v2.yaml gives no response body answer
 * an empty 200/202. A deleted user is a 404 everywhere afterwards.
 */
export function userActionsRouter(engine: SandboxEngine, r: Router): Router {
  const user = (req: { params: { id?: string } }, appId: string) =>
    liveUser(engine, appId, String(req.params.id));

  r.delete('/v2/users/:id', (req, res) => {
    const u = user(req, res.locals.appId);
    // Our rule (Dots documents none): money must not vanish with the user.
    if (u.wallet !== 0)
      throw invalidInput(
        `The user's wallet holds ${u.wallet} cents: move it back to the app (POST /v2/transfers with a positive amount) before deleting the user.`,
        'user_id',
      );
    u.deleted = true;
    u.status = 'disabled';
    res.json(serializeUser(u));
  });

  r.put('/v2/users/:id/compliance', (req, res) => {
    const u = user(req, res.locals.appId);
    const body = parseBody(submitComplianceBodySchema, req.body);
    const form = body.w9 ?? body.w8ben!;
    u.tax_form = body.w9 ? 'w9' : 'w8ben';
    u.date_of_birth = form.date_of_birth;
    u.compliance.tax_id_collected = true;
    u.compliance.date_of_birth_collected = true;
    const a = form.address;
    u.addresses.push({ ...a, state: a.state ?? '' });
    res.status(200).end();
  });

  r.post('/v2/users/:id/send-verification-token', (req, res) => {
    const u = user(req, res.locals.appId);
    parseBody(sendVerificationTokenBodySchema, req.body);
    // No SMS or call leaves the sandbox: read the code from GET /_sandbox/users/:id/verification-token.
    u.verification_token = String(randomInt(0, 1_000_000)).padStart(6, '0');
    res.status(202).end();
  });

  r.post('/v2/users/:id/verify', (req, res) => {
    const u = user(req, res.locals.appId);
    const { token } = parseBody(verifyUserBodySchema, req.body);
    if (u.verification_token === null || token !== u.verification_token)
      throw invalidInput('Incorrect token.', 'token');
    u.verification_token = null;
    if (u.status === 'unverified') u.status = 'verified';
    res.status(200).end();
  });

  r.get('/v2/users/:id/payout-methods', (req, res) => {
    res.json(user(req, res.locals.appId).payout_methods.map(serializePayoutMethod));
  });

  r.put('/v2/users/:id/payout-methods', (req, res) => {
    const u = user(req, res.locals.appId);
    const body = parseBody(addPayoutMethodBodySchema, req.body);
    const m = addPayoutMethod(engine, u, body);
    res.json({
      id: m.id,
      platform: m.platform,
      ...(m.email ? { email: m.email } : {}),
      ...(m.phone_number ? { phone_number: m.phone_number } : {}),
      ...(m.handle ? { handle: m.handle } : {}),
      ...(m.platform === 'ach'
        ? {
            account_number: body.account_number,
            routing_number: m.routing_number,
            account_type: m.account_type,
            rtp_enabled: false,
          }
        : {}),
      ...(m.meta !== undefined ? { meta: m.meta } : {}),
    });
  });

  r.put('/v2/users/:id/addresses', (req, res) => {
    const u = user(req, res.locals.appId);
    u.addresses.push(parseBody(addUserAddressBodySchema, req.body));
    res.status(200).end();
  });
  return r;
}
