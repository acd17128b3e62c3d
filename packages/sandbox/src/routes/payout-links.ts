import { createPayoutLinkBodySchema } from '@dotskit/api';
import { Router } from 'express';
import type { SandboxEngine } from '../state/engine';
import {
  cancelPayoutLink,
  createPayoutLink,
  getPayoutLink,
  redeliverPayoutLink,
} from '../state/payout-links';
import { serializePayoutLink } from '../state/serialize';
import type { StepOptions } from '../state/types';
import { requestOrigin } from './http';
import { idempotent } from './idempotency';
import { paginate } from './pagination';
import { ownedList } from './scope';
import { parseBody } from './validate';

/** `/v2/payout-links`: create (201), list, retrieve, cancel (DELETE), redeliver. */
export function payoutLinksRouter(engine: SandboxEngine, r: Router = Router()): Router {
  r.post('/v2/payout-links', (req, res) => {
    idempotent(engine, req, res, 'payout-links', () => {
      const body = parseBody(createPayoutLinkBodySchema, req.body);
      const link = createPayoutLink(engine, res.locals.appId, {
        ...body,
        additional_steps: body.additional_steps as StepOptions[] | undefined,
        delivery: {
          method: body.delivery?.method ?? 'link',
          email: body.payee?.email ?? null,
          country_code: body.payee?.country_code ?? null,
          phone_number: body.payee?.phone_number ?? null,
        },
      });
      return { status: 201, body: serializePayoutLink(link, requestOrigin(engine, req)) };
    });
  });
  r.get('/v2/payout-links', (req, res) => {
    const origin = requestOrigin(engine, req);
    const page = paginate(ownedList(engine.store.payoutLinks, res.locals.appId), req);
    res.json({
      data: page.data.map((l) => serializePayoutLink(l, origin)),
      has_more: page.has_more,
    });
  });
  r.get('/v2/payout-links/:id', (req, res) => {
    const link = getPayoutLink(engine, res.locals.appId, req.params.id);
    res.json(serializePayoutLink(link, requestOrigin(engine, req)));
  });
  r.delete('/v2/payout-links/:id', (req, res) => {
    const link = cancelPayoutLink(engine, getPayoutLink(engine, res.locals.appId, req.params.id));
    res.json(serializePayoutLink(link, requestOrigin(engine, req)));
  });
  r.post('/v2/payout-links/:id/redeliver', (req, res) => {
    const link = getPayoutLink(engine, res.locals.appId, req.params.id);
    const redelivered = redeliverPayoutLink(engine, link);
    res.json({ payout_link: serializePayoutLink(link, requestOrigin(engine, req)), redelivered });
  });
  return r;
}
