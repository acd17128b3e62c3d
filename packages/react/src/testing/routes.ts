import type { Flow, FlowStep, PayoutLink, ResourceKind, Transfer } from '@dotskit/api/wire';
import { flowStepName as stepName } from '@dotskit/api/wire';
import { uid } from '../uid';
import type { FakeBrokerScope, FakeCaller } from './auth';
import { flowBodyIssues, keyIssues, payoutLinkBodyIssues } from './bodies';
import { error, type FieldIssue, invalid, json, MESSAGES } from './http';
import { createIdempotency } from './idempotency';
import { isResourceId } from './ids';
import { listPage, PAYOUT_LINK_STATUSES, TRANSFER_STATUSES } from './lists';
import type { Relation } from './payout-controls';
import type { FakeBroker } from './types';

/** What the routes need besides the public fake: ownership, streams and the clock. */
export interface FakeInternals {
  /** Owner of a resource (the default principal when it was put straight into a map). */
  ownerOf(kind: ResourceKind, id: string): string;
  /** The principal whose lists show a resource (its owner; none for a follower's). */
  listedFor(kind: ResourceKind, id: string): string | undefined;
  own(kind: ResourceKind, id: string, principal: string, relation?: Relation): void;
  openStream(caller: FakeCaller, lastId: string | null, signal?: AbortSignal | null): Response;
  now(): string;
}

type Body = Record<string, unknown>;
type Handler = (
  caller: FakeCaller,
  input: { body: Body; id: string; query: URLSearchParams },
) => Response;

const MAPS = {
  flows: ['flow', 'flows', 'flows:read'],
  'payout-links': ['payout_link', 'payoutLinks', 'payout_links:read'],
  transfers: ['transfer', 'transfers', 'payouts:read'],
  'payout-batches': ['payout_batch', 'payoutBatches', 'payouts:read'],
} as const;

/**
 * The broker's HTTP routes over the fake's state, in the broker's order of checks: route
 * (404), JSON body (400 `invalid_json`), scope (403 `insufficient_scope`), input (400
 * `invalid_input` with `details.fields`), then the command: idempotent creates (a reused
 * key replays the first answer, with another body it is a 409), single reads (404 for
 * anyone else's), the principal's lists and wallet. `GET /events` needs no scope; each
 * event goes only to streams holding its scope.
 */
export function createRoutes(fb: FakeBroker, x: FakeInternals) {
  const idempotency = createIdempotency();
  const mine = <T extends { id: string }>(kind: ResourceKind, m: Map<string, T>, p: string) =>
    [...m.values()].filter((r) => x.listedFor(kind, r.id) === p);

  const create =
    (
      kind: ResourceKind,
      check: (b: Body) => FieldIssue[],
      make: (p: string, b: Body) => { id: string },
    ): Handler =>
    (caller, { body }) => {
      const { idempotency_key: key, ...rest } = body;
      const issues = [...keyIssues(key), ...check(rest)];
      if (issues.length) return invalid(issues);
      return idempotency.run(caller.principal, kind, key as string | null | undefined, rest, () => {
        const r = make(caller.principal, rest);
        x.own(kind, r.id, caller.principal);
        return r;
      });
    };

  const makeFlow = (principal: string, b: Body): Flow => {
    const id = uid();
    const f: Flow = {
      id,
      created: x.now(),
      user_id: fb.wallets.get(principal)?.user_id ?? null,
      link: `${fb.flowOrigin}/flow/${id}`,
      // Dots answers step names, whatever options the request gave each step.
      steps: (b.steps as FlowStep[]).map(stepName),
      completed_steps: [],
      metadata: (b.metadata as Flow['metadata']) ?? null,
      payout_link_id: null,
    } as Flow;
    fb.flows.set(id, f);
    return f;
  };
  const makeLink = (principal: string, b: Body): PayoutLink => {
    const id = uid();
    const created = x.now();
    // As Dots (DOTS-FACTS): the link's claim flow and its own payout transfer exist from
    // creation; the creator follows both (reads and events, not lists).
    const flow = makeFlow(principal, { steps: ['payout'] });
    Object.assign(flow, { user_id: null, payout_link_id: id });
    const transfer = {
      id: uid(),
      created,
      status: 'created',
      type: 'payout',
      amount: b.amount as number,
      payout_link_id: id,
    } as Transfer;
    fb.transfers.set(transfer.id, transfer);
    x.own('flow', flow.id, principal, 'follower');
    x.own('transfer', transfer.id, principal, 'follower');
    const method = (b.delivery as { method?: string } | undefined)?.method ?? 'link';
    const l: PayoutLink = {
      id,
      created,
      // As Dots: a payout link's page is its flow's page.
      link: flow.link,
      amount: b.amount as number,
      // A `link`-method link is delivered at creation; sms and email ones are on their way.
      status: method === 'link' ? 'delivered' : 'delivery_pending',
      claimed_user_id: null,
      flow_id: flow.id,
      transfer_id: transfer.id,
      payee: { ...(b.payee as object | undefined) },
      delivery: { ...(b.delivery as object | undefined), method },
      memo: (b.memo as string | undefined) ?? null,
      metadata: (b.metadata as Record<string, string> | undefined) ?? null,
    } as PayoutLink;
    fb.payoutLinks.set(id, l);
    return l;
  };
  const read =
    (name: keyof typeof MAPS): Handler =>
    (caller, { id }) => {
      if (!isResourceId(id))
        return invalid([{ path: '(body)', code: 'invalid_format', message: 'Not a resource id' }]);
      const [kind, map] = MAPS[name];
      const r = (fb[map] as Map<string, unknown>).get(id);
      return r && x.ownerOf(kind, id) === caller.principal
        ? json(200, r)
        : error('not_found', MESSAGES.notFound);
    };

  const routes: [string, RegExp, FakeBrokerScope | null, Handler][] = [
    ['POST', /^\/flows$/, 'flows:write', create('flow', flowBodyIssues, makeFlow)],
    [
      'POST',
      /^\/payout-links$/,
      'payout_links:write',
      create('payout_link', payoutLinkBodyIssues, makeLink),
    ],
    [
      'GET',
      /^\/transfers$/,
      'payouts:read',
      (c, { query }) =>
        listPage(mine('transfer', fb.transfers, c.principal), query, TRANSFER_STATUSES),
    ],
    [
      'GET',
      /^\/payout-links$/,
      'payout_links:read',
      (c, { query }) =>
        listPage(mine('payout_link', fb.payoutLinks, c.principal), query, PAYOUT_LINK_STATUSES),
    ],
    [
      'GET',
      /^\/wallet$/,
      'payouts:read',
      (c) => {
        const w = fb.wallets.get(c.principal);
        return w ? json(200, w) : error('no_linked_user', MESSAGES.noLinkedUser);
      },
    ],
    ...(Object.keys(MAPS) as (keyof typeof MAPS)[]).map(
      (name) =>
        ['GET', new RegExp(`^/${name}/([^/]+)$`), MAPS[name][2], read(name)] as [
          string,
          RegExp,
          FakeBrokerScope,
          Handler,
        ],
    ),
  ];

  return (
    caller: FakeCaller,
    method: string,
    path: string,
    query: URLSearchParams,
    init?: RequestInit,
  ): Response => {
    if (method === 'GET' && path === '/events')
      return x.openStream(caller, new Headers(init?.headers).get('last-event-id'), init?.signal);
    for (const [m, pattern, scope, handle] of routes) {
      const match = method === m ? pattern.exec(path) : null;
      if (!match) continue;
      let body: Body = {};
      if (method === 'POST') {
        try {
          body = typeof init?.body === 'string' && init.body ? JSON.parse(init.body) : {};
        } catch {
          return error('invalid_json', MESSAGES.invalidJson);
        }
      }
      if (scope && !caller.scopes.has(scope))
        return error('insufficient_scope', MESSAGES.scope(scope), { required_scope: scope });
      if (!body || typeof body !== 'object' || Array.isArray(body))
        return invalid([{ path: '(body)', code: 'invalid_type', message: 'Expected an object' }]);
      return handle(caller, { body, id: decodeURIComponent(match[1] ?? ''), query });
    }
    return error('not_found', MESSAGES.notFound);
  };
}
