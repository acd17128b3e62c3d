import { createPayoutBodySchema, createTransferBodySchema } from '@dotskit/api';
import { Router } from 'express';
import type { SandboxEngine } from '../state/engine';
import { balanceTransfer, payout, userForApp } from '../state/money';
import { serializeTransfer } from '../state/serialize';
import { idempotent } from './idempotency';
import { paginate } from './pagination';
import { owned, ownedList } from './scope';
import { parseBody } from './validate';

/** `/v2/transfers` (create 200, list with filters, retrieve) and `POST /v2/payouts` (201, a transfer). */
export function transfersRouter(engine: SandboxEngine, r: Router = Router()): Router {
  r.post('/v2/transfers', (req, res) => {
    idempotent(engine, req, res, 'transfers', () => {
      const body = parseBody(createTransferBodySchema, req.body);
      const user = userForApp(engine, res.locals.appId, body.user_id);
      const t = balanceTransfer(engine, res.locals.appId, user, body.amount, {
        metadata: body.metadata ?? null,
        taxExempt: body.tax_exempt ?? false,
      });
      return { status: 200, body: serializeTransfer(t) };
    });
  });
  r.get('/v2/transfers', (req, res) => {
    const q = req.query;
    let list = ownedList(engine.store.transfers, res.locals.appId).filter(
      (t) =>
        (typeof q.user_id !== 'string' || t.user_id === q.user_id) &&
        (typeof q.type !== 'string' || t.type === q.type) &&
        (typeof q.status !== 'string' || t.status === q.status),
    );
    // Dots lists transfers newest first unless reverse_order=true.
    if (q.reverse_order === 'true') list = list.reverse();
    const page = paginate(list, req);
    res.json({ data: page.data.map(serializeTransfer), has_more: page.has_more });
  });
  r.get('/v2/transfers/:id', (req, res) => {
    res.json(
      serializeTransfer(owned(engine.store.transfers, res.locals.appId, req.params.id, 'transfer')),
    );
  });
  r.post('/v2/payouts', (req, res) => {
    idempotent(engine, req, res, 'payouts', () => {
      const body = parseBody(createPayoutBodySchema, req.body);
      const user = userForApp(engine, res.locals.appId, body.user_id);
      const t = payout(engine, res.locals.appId, user, {
        amount: body.amount,
        platform: body.platform === 'bank_transfer' ? 'ach' : body.platform,
        fund: body.fund,
        metadata: body.metadata ?? null,
        tax_exempt: body.tax_exempt,
      });
      return { status: 201, body: serializeTransfer(t) };
    });
  });
  return r;
}
