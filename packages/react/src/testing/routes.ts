import { uid } from '../uid';
import type { Flow, FlowStep, PayoutLink, ResourceKind } from '../wire-types';
import { error, json } from './http';
import { listPage, PAYOUT_LINK_STATUSES, TRANSFER_STATUSES } from './lists';
import type { FakeBroker } from './types';

/** What the routes need besides the public fake: ownership, idempotency and streams. */
export interface FakeInternals {
  /** Owner of a resource (the default principal when it was put straight into a map). */
  ownerOf(kind: ResourceKind, id: string): string;
  own(kind: ResourceKind, id: string, principal: string): void;
  idem: Map<string, unknown>;
  openStream(principal: string, lastId: string | null, signal?: AbortSignal | null): Response;
  now(): string;
}

const MAPS = {
  flows: ['flow', 'flows'],
  'payout-links': ['payout_link', 'payoutLinks'],
  transfers: ['transfer', 'transfers'],
  'payout-batches': ['payout_batch', 'payoutBatches'],
} as const;

/**
 * The broker's HTTP routes over the fake's state, for an authenticated `principal`:
 * creates (idempotent by `idempotency_key`), single reads (404 for anyone else's), the
 * principal's lists, its wallet, and its `/events` stream.
 */
export function createRoutes(fb: FakeBroker, x: FakeInternals) {
  const create = <T extends { id: string }>(
    kind: ResourceKind,
    principal: string,
    body: Record<string, unknown>,
    make: () => T,
  ) => {
    const key = typeof body.idempotency_key === 'string' ? body.idempotency_key : undefined;
    if (key && x.idem.has(`${principal}:${key}`))
      return json(201, x.idem.get(`${principal}:${key}`));
    const r = make();
    x.own(kind, r.id, principal);
    if (key) x.idem.set(`${principal}:${key}`, r);
    return json(201, r);
  };
  const mine = <T extends { id: string }>(kind: ResourceKind, m: Map<string, T>, p: string) =>
    [...m.values()].filter((r) => x.ownerOf(kind, r.id) === p);

  return (
    principal: string,
    method: string,
    path: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
    init?: RequestInit,
  ): Response => {
    if (method === 'GET' && path === '/events')
      return x.openStream(principal, new Headers(init?.headers).get('last-event-id'), init?.signal);
    if (method === 'POST' && path === '/flows') {
      if (!Array.isArray(body.steps) || body.steps.length === 0)
        return error(400, 'invalid_input', 'steps: must be a non-empty array');
      return create('flow', principal, body, () => {
        const id = uid();
        const f: Flow = {
          id,
          link: `${fb.flowOrigin}/flow/${id}`,
          steps: body.steps as FlowStep[],
          completed_steps: [],
          user_id: fb.wallets.get(principal)?.user_id ?? null,
          created: x.now(),
          metadata: (body.metadata as Flow['metadata']) ?? null,
        };
        fb.flows.set(id, f);
        return f;
      });
    }
    if (method === 'POST' && path === '/payout-links') {
      if (!Number.isInteger(body.amount) || (body.amount as number) <= 0)
        return error(400, 'invalid_input', 'amount: must be a positive integer (cents)');
      return create('payout_link', principal, body, () => {
        const id = uid();
        const l: PayoutLink = {
          id,
          link: `${fb.flowOrigin}/payout-link/${id}`,
          status: 'created',
          amount: body.amount as number,
          memo: (body.memo as string) ?? null,
          flow_id: uid(),
          transfer_id: null,
          created: x.now(),
        };
        fb.payoutLinks.set(id, l);
        return l;
      });
    }
    if (method === 'GET' && path === '/transfers')
      return listPage(mine('transfer', fb.transfers, principal), query, TRANSFER_STATUSES);
    if (method === 'GET' && path === '/payout-links')
      return listPage(mine('payout_link', fb.payoutLinks, principal), query, PAYOUT_LINK_STATUSES);
    if (method === 'GET' && path === '/wallet') {
      const w = fb.wallets.get(principal);
      return w
        ? json(200, w)
        : error(404, 'no_linked_user', 'No Dots user is linked to this principal yet');
    }
    const m = /^\/(flows|payout-links|transfers|payout-batches)\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) {
      const [kind, map] = MAPS[m[1] as keyof typeof MAPS];
      const id = decodeURIComponent(m[2]!);
      const r = (fb[map] as Map<string, unknown>).get(id);
      return r && x.ownerOf(kind, id) === principal
        ? json(200, r)
        : error(404, 'not_found', 'No such resource');
    }
    return error(404, 'not_found', `No route ${method} ${path}`);
  };
}
