import type { Router } from 'express';
import type { SandboxEngine } from '../state/engine';
import { notFound } from '../state/errors';
import { serializeTransaction, serializeTransfer } from '../state/serialize';
import { pageOf } from './pagination';
import { parseQuery, query } from './query';
import { ownedList } from './scope';

/**
 * `/v2/transactions`: every wallet transaction of the app's transfers, newest first,
 * paginated by transaction id (`include_transfer=true` adds each one's `transfer`), and
 * `GET /v2/transactions/:id`.
 */
export function transactionsRouter(engine: SandboxEngine, r: Router): Router {
  const all = (appId: string) =>
    ownedList(engine.store.transfers, appId)
      .flatMap((t) => t.transactions.map((x) => ({ id: x.id, t, x })))
      .sort((a, b) => b.id - a.id);

  r.get('/v2/transactions', (req, res) => {
    const { include_transfer } = parseQuery(req, { include_transfer: query.boolean });
    const page = pageOf(all(res.locals.appId), req, query.integerId);
    res.json({
      data: page.data.map(({ t, x }) => ({
        ...serializeTransaction(t, x),
        ...(include_transfer ? { transfer: serializeTransfer(t) } : {}),
      })),
      has_more: page.has_more,
    });
  });
  r.get('/v2/transactions/:id', (req, res) => {
    const hit = all(res.locals.appId).find((i) => String(i.id) === req.params.id);
    if (!hit) throw notFound('transaction', req.params.id);
    res.json(serializeTransaction(hit.t, hit.x));
  });
  return r;
}
