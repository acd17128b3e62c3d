import { createPayoutBatchBodySchema } from '@dotskit/api';
import { Router } from 'express';
import { createPayoutBatch } from '../state/batches';
import type { SandboxEngine } from '../state/engine';
import { serializeBatch } from '../state/serialize';
import type { BatchItem } from '../state/types';
import { idempotent } from './idempotency';
import { paginate } from './pagination';
import { parseQuery, query } from './query';
import { owned, ownedList } from './scope';
import { parseBody } from './validate';

/** `/v2/payout-batches`: create (200), list (paginated), retrieve, results (`include_request`). */
export function payoutBatchesRouter(engine: SandboxEngine, r: Router = Router()): Router {
  r.post('/v2/payout-batches', (req, res) => {
    idempotent(engine, req, res, 'payout-batches', () => {
      const body = parseBody(createPayoutBatchBodySchema, req.body);
      const batch = createPayoutBatch(engine, res.locals.appId, {
        items: body.items as BatchItem['request'][],
        idempotency_key: body.idempotency_key ?? null,
        metadata: body.metadata ?? null,
      });
      return { status: 200, body: serializeBatch(batch) };
    });
  });
  r.get('/v2/payout-batches', (req, res) => {
    const page = paginate(ownedList(engine.store.batches, res.locals.appId), req);
    res.json({ data: page.data.map(serializeBatch), has_more: page.has_more });
  });
  r.get('/v2/payout-batches/:id', (req, res) => {
    res.json(
      serializeBatch(owned(engine.store.batches, res.locals.appId, req.params.id, 'payout batch')),
    );
  });
  r.get('/v2/payout-batches/:id/results', (req, res) => {
    const batch = owned(engine.store.batches, res.locals.appId, req.params.id, 'payout batch');
    const withRequest = parseQuery(req, { include_request: query.boolean }).include_request;
    const items = batch.items.slice(0, batch.processed).map((item) => {
      const t = item.transfer_id ? engine.store.transfers.get(item.transfer_id) : undefined;
      return {
        user_id: item.request.user_id,
        idempotency_key: item.request.idempotency_key,
        ...(item.request.metadata !== undefined ? { metadata: item.request.metadata } : {}),
        ...(t ? { transfer: { id: t.id, status: t.status } } : {}),
        ...(item.error_code
          ? { error_code: item.error_code, error_message: item.error_message ?? '' }
          : {}),
        ...(withRequest ? { request: item.request } : {}),
      };
    });
    res.json({ ...serializeBatch(batch), items });
  });
  return r;
}
