import {
  createPayoutBodySchema,
  createTransferBodySchema,
  sendPayoutBodySchema,
  transferStatusSchema,
  transferTypeSchema,
} from '@dotskit/api';
import { Router } from 'express';
import type { SandboxEngine } from '../state/engine';
import { balanceTransfer, payout, userForApp } from '../state/money';
import { sendPayout } from '../state/send-payout';
import { serializePayoutLink, serializeTransfer } from '../state/serialize';
import { requestOrigin } from './http';
import { idempotent } from './idempotency';
import { pageOf } from './pagination';
import { parseQuery, query } from './query';
import { owned, ownedList } from './scope';
import { parseBody } from './validate';

/**
 * `/v2/transfers` (create 200, list with filters, retrieve), `POST /v2/payouts` (201, a
 * transfer) and `POST /v2/payouts/send-payout` (201, a payout link).
 */
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
    const q = parseQuery(req, {
      user_id: query.uuid,
      reverse_order: query.boolean,
      type: query.oneOf(transferTypeSchema.options),
      status: query.oneOf(transferStatusSchema.options),
      start_date: query.dateTime,
      end_date: query.dateTime,
    });
    const from = q.start_date ? Date.parse(q.start_date) : -Infinity;
    const to = q.end_date ? Date.parse(q.end_date) : Infinity;
    const list = ownedList(engine.store.transfers, res.locals.appId).filter(
      (t) =>
        (!q.user_id || t.user_id === q.user_id) &&
        (!q.type || t.type === q.type) &&
        (!q.status || t.status === q.status) &&
        t.created >= from &&
        t.created <= to,
    );
    // Dots lists transfers newest first unless reverse_order=true.
    const page = pageOf(q.reverse_order ? list : list.reverse(), req);
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
  r.post('/v2/payouts/send-payout', (req, res) => {
    idempotent(engine, req, res, 'send-payout', () => {
      const link = sendPayout(engine, res.locals.appId, parseBody(sendPayoutBodySchema, req.body));
      return { status: 201, body: serializePayoutLink(link, requestOrigin(engine, req)) };
    });
  });
  return r;
}
