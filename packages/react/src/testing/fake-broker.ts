import type { BrokerEventType, Flow, ResourceKind } from '@dotskit/api/wire';
import { isFlowComplete, flowStepName as stepName } from '@dotskit/api/wire';
import type { BrokerConfig } from '../broker-client';
import { uid } from '../uid';
import { formatToken, parseToken } from './auth';
import { createEventLog } from './event-log';
import { error, errorWithStatus, MESSAGES } from './http';
import { payoutControls, type Relation } from './payout-controls';
import { createRoutes } from './routes';
import type { FakeBroker, FakeBrokerOptions } from './types';
import { walletControls } from './wallet-controls';

const TYPE: Record<ResourceKind, BrokerEventType> = {
  flow: 'flow.updated',
  payout_link: 'payout_link.updated',
  transfer: 'transfer.updated',
  payout_batch: 'payout_batch.updated',
};

/** Creates a fake broker. Nothing is shared between two fakes. */
export function createFakeBroker(options: FakeBrokerOptions = {}): FakeBroker {
  const url = (options.url ?? 'https://broker.test/dots').replace(/\/+$/, '');
  const flowOrigin = options.flowOrigin ?? 'https://my-sandbox.dots.dev';
  const principal = options.principal ?? 'seller-1';
  const scopes = options.scopes;
  const events = createEventLog();
  // Who may read each resource: its owner, or a follower (a payout link's creator follows
  // the link's flow and transfer: reads and events, not lists), as the broker records it.
  const owners = new Map<string, { principal: string; relation: Relation }>();
  const failures: { method?: string; path?: RegExp | string; status: number; code: string }[] = [];
  let tokenVersion = 1;
  const cached = new Map<string, string>();
  let tokenCalls = 0;
  // Strictly increasing creation times, so that list order never depends on the clock's grain.
  let last = 0;
  const now = () => {
    last = Math.max(Date.now(), last + 1);
    return new Date(last).toISOString();
  };

  const ownerOf = (kind: ResourceKind, id: string) =>
    owners.get(`${kind}:${id}`)?.principal ?? principal;
  const listedFor = (kind: ResourceKind, id: string) => {
    const o = owners.get(`${kind}:${id}`);
    return o ? (o.relation === 'owner' ? o.principal : undefined) : principal;
  };
  const own = (kind: ResourceKind, id: string, p: string, relation: Relation = 'owner') => {
    if (!owners.has(`${kind}:${id}`)) owners.set(`${kind}:${id}`, { principal: p, relation });
  };
  const emit = <T extends { id: string }>(
    kind: ResourceKind,
    r: T,
    push_ = true,
    type = TYPE[kind],
  ) => {
    // As the broker: the event's data is the resource itself, as `GET /<kind>/:id` answers it.
    if (push_) events.push(ownerOf(kind, r.id), type, JSON.stringify(r));
    return r;
  };
  // As the broker: `flow.updated`, and `flow.completed` once, when the flow first covers its steps.
  const completed = new Set<string>();
  const emitFlow = (f: Flow, push_: boolean) => {
    emit('flow', f, push_);
    if (push_ && isFlowComplete(f) && !completed.has(f.id)) {
      completed.add(f.id);
      emit('flow', f, push_, 'flow.completed');
    }
    return f;
  };
  const pushWallet = (p: string) => {
    const w = fb.wallets.get(p);
    if (w) events.push(p, 'wallet.updated', JSON.stringify(w));
  };
  const get = <T>(m: Map<string, T>, id: string, what: string) => {
    const r = m.get(id);
    if (!r) throw new Error(`fake broker: no ${what} ${id}`);
    return r;
  };
  const tokenFor = (p = principal, s: readonly string[] | undefined = scopes) =>
    formatToken(tokenVersion, p, principal, s);
  const tokenGetter = (p: string, s = scopes): BrokerConfig['getToken'] => {
    const slot = JSON.stringify([p, s ?? null]);
    tokenFor(p, s); // a bad principal name throws now, not at the first request
    return ({ refresh }) => {
      tokenCalls++;
      if (refresh || !cached.has(slot)) cached.set(slot, tokenFor(p, s));
      return cached.get(slot)!;
    };
  };

  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!href.startsWith(`${url}/`))
      throw new TypeError(`[dotskit] fake broker: fetch to ${href} outside ${url}`);
    const target = new URL(href);
    const path = href.slice(url.length).split('?')[0]!;
    const method = (init?.method ?? 'GET').toUpperCase();
    const authorization = new Headers(init?.headers).get('authorization');
    let body: unknown = init?.body ?? {};
    try {
      body = typeof init?.body === 'string' ? JSON.parse(init.body) : body;
    } catch {
      // Recorded as sent; the route answers 400 `invalid_json` once the caller is known.
    }
    fb.requests.push({ method, path, search: target.search, body, authorization });
    await Promise.resolve();
    const caller = parseToken(authorization, tokenVersion, principal);
    if (!caller) return error('unauthorized', authorization ? MESSAGES.badToken : MESSAGES.noToken);
    const i = failures.findIndex(
      (f) =>
        (!f.method || f.method === method) &&
        (!f.path || (typeof f.path === 'string' ? f.path === path : f.path.test(path))),
    );
    if (i >= 0) {
      const [f] = failures.splice(i, 1);
      return errorWithStatus(f!.status, f!.code, `Injected ${f!.status}`);
    }
    return routes(caller, method, path, target.searchParams, init);
  };

  const getToken = tokenGetter(principal);
  const fb: FakeBroker = {
    url,
    flowOrigin,
    principal,
    fetch: fakeFetch as typeof fetch,
    getToken,
    config: { url, getToken, fetch: fakeFetch as typeof fetch },
    configFor: (p, o = {}) => ({
      url,
      getToken: tokenGetter(p, 'scopes' in o ? o.scopes : scopes),
      fetch: fakeFetch as typeof fetch,
    }),
    tokenFor: (p, o = {}) => tokenFor(p, 'scopes' in o ? o.scopes : scopes),
    get tokenCalls() {
      return tokenCalls;
    },
    requests: [],
    flows: new Map(),
    payoutLinks: new Map(),
    transfers: new Map(),
    payoutBatches: new Map(),
    wallets: new Map(),
    get openStreams() {
      return events.size;
    },
    completeStep(flowId, step, { push: p = true } = {}) {
      const f = get(fb.flows, flowId, 'flow');
      if (!f.completed_steps.includes(step as never))
        f.completed_steps = [...f.completed_steps, step as never];
      return emitFlow(f, p);
    },
    completeFlow(flowId, { push: p = true } = {}) {
      const f = get(fb.flows, flowId, 'flow');
      const owner = ownerOf('flow', flowId);
      f.completed_steps = f.steps.map(stepName);
      // Completing a flow links its user to the principal, as the broker does.
      f.user_id ??= fb.wallets.get(owner)?.user_id ?? uid();
      if (!fb.wallets.has(owner))
        fb.setWallet({ user_id: f.user_id }, { principal: owner, push: false });
      const w = fb.wallets.get(owner)!;
      if (f.completed_steps.includes('payout') && w.withdrawable_amount > 0)
        fb.withdraw(w.withdrawable_amount, { principal: owner });
      return emitFlow(f, p);
    },
    ...payoutControls(() => fb, {
      principal,
      flowOrigin,
      now,
      ownerOf,
      own,
      emit,
      pushWallet,
      get,
    }),
    ...walletControls(() => fb, { principal, emit, pushWallet }),
    failNext(match, status, code = 'injected') {
      failures.push({ ...match, status, code });
    },
    revokeToken() {
      tokenVersion++;
    },
    push(type, data, { principal: p = principal } = {}) {
      events.push(p, type, data);
    },
    dropStreams: events.drop,
  };
  const routes = createRoutes(fb, { ownerOf, listedFor, own, openStream: events.open, now });
  return fb;
}
