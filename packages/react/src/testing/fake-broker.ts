import type { BrokerConfig } from '../broker-client';
import type { BrokerEventType } from '../broker-events';
import { uid } from '../uid';
import type { PayoutBatch, PayoutLink, ResourceKind, Transfer } from '../wire-types';
import { stepName } from '../wire-types';
import { createEventLog } from './event-log';
import { error } from './http';
import { createRoutes } from './routes';
import type { FakeBroker, FakeBrokerOptions } from './types';
import { walletControls } from './wallet-controls';

const TYPE: Record<ResourceKind, BrokerEventType> = {
  flow: 'flow.updated',
  payout_link: 'payout_link.updated',
  transfer: 'transfer.updated',
  payout_batch: 'payout_batch.updated',
};

const TOKEN = /^Bearer token-(\d+)(?:@(.+))?$/;

/** Creates a fake broker. Nothing is shared between two fakes. */
export function createFakeBroker(options: FakeBrokerOptions = {}): FakeBroker {
  const url = (options.url ?? 'https://broker.test/dots').replace(/\/+$/, '');
  const flowOrigin = options.flowOrigin ?? 'https://my-sandbox.dots.dev';
  const principal = options.principal ?? 'seller-1';
  const events = createEventLog();
  const owners = new Map<string, string>();
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

  const ownerOf = (kind: ResourceKind, id: string) => owners.get(`${kind}:${id}`) ?? principal;
  const own = (kind: ResourceKind, id: string, p: string) => owners.set(`${kind}:${id}`, p);
  const emit = <T extends { id: string }>(
    kind: ResourceKind,
    r: T,
    push_ = true,
    type = TYPE[kind],
  ) => {
    if (push_)
      events.push(
        ownerOf(kind, r.id),
        type,
        JSON.stringify({ type, resource_id: r.id, resource: r }),
      );
    return r;
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
  const tokenGetter =
    (p: string): BrokerConfig['getToken'] =>
    ({ refresh }) => {
      tokenCalls++;
      const current = `token-${tokenVersion}${p === principal ? '' : `@${p}`}`;
      if (refresh || !cached.has(p)) cached.set(p, current);
      return cached.get(p)!;
    };

  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!href.startsWith(`${url}/`))
      throw new TypeError(`fake broker: fetch to ${href} outside ${url}`);
    const target = new URL(href);
    const path = href.slice(url.length).split('?')[0]!;
    const method = (init?.method ?? 'GET').toUpperCase();
    const authorization = new Headers(init?.headers).get('authorization');
    let body: Record<string, unknown> = {};
    try {
      body = typeof init?.body === 'string' ? JSON.parse(init.body) : {};
    } catch {
      return error(400, 'invalid_json', 'Body is not JSON');
    }
    fb.requests.push({ method, path, search: target.search, body, authorization });
    await Promise.resolve();
    const token = TOKEN.exec(authorization ?? '');
    if (!token || Number(token[1]) !== tokenVersion)
      return error(401, 'unauthorized', 'Missing or expired token');
    const i = failures.findIndex(
      (f) =>
        (!f.method || f.method === method) &&
        (!f.path || (typeof f.path === 'string' ? f.path === path : f.path.test(path))),
    );
    if (i >= 0) {
      const [f] = failures.splice(i, 1);
      return error(f!.status, f!.code, `Injected ${f!.status}`);
    }
    return routes(token[2] ?? principal, method, path, target.searchParams, body, init);
  };

  const getToken = tokenGetter(principal);
  const fb: FakeBroker = {
    url,
    flowOrigin,
    principal,
    fetch: fakeFetch as typeof fetch,
    getToken,
    config: { url, getToken, fetch: fakeFetch as typeof fetch },
    configFor: (p) => ({ url, getToken: tokenGetter(p), fetch: fakeFetch as typeof fetch }),
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
      return emit('flow', f, p);
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
      emit('flow', f, p);
      return emit('flow', f, p, 'flow.completed');
    },
    setPayoutLinkStatus(id, status, { push: p = true } = {}) {
      const l = get(fb.payoutLinks, id, 'payout link');
      l.status = status;
      return emit('payout_link', l, p);
    },
    payOut(payoutLinkId) {
      const l = get(fb.payoutLinks, payoutLinkId, 'payout link');
      const t = fb.createTransfer(
        { amount: -l.amount, payout_link_id: l.id, status: 'pending', type: 'payout' },
        { principal: ownerOf('payout_link', l.id) },
      );
      l.transfer_id = t.id;
      l.claimed_user_id = uid();
      fb.setPayoutLinkStatus(l.id, 'claimed');
      return fb.setTransferStatus(t.id, 'completed');
    },
    createPayoutLink(init = {}, { principal: p = principal } = {}) {
      const id = init.id ?? uid();
      const l: PayoutLink = {
        id,
        link: `${flowOrigin}/payout-link/${id}`,
        status: 'created',
        amount: 2500,
        transfer_id: null,
        created: now(),
        ...init,
      };
      fb.payoutLinks.set(id, l);
      own('payout_link', id, p);
      return l;
    },
    createTransfer(init = {}, { principal: p = principal } = {}) {
      const t: Transfer = {
        id: uid(),
        status: 'created',
        amount: -1000,
        type: 'payout',
        created: now(),
        ...init,
      };
      fb.transfers.set(t.id, t);
      own('transfer', t.id, p);
      return t;
    },
    setTransferStatus(id, status, { push: p = true } = {}) {
      const t = get(fb.transfers, id, 'transfer');
      t.status = status;
      emit('transfer', t, p);
      if (p && status === 'completed') pushWallet(ownerOf('transfer', id));
      return t;
    },
    createPayoutBatch(init = {}, { principal: p = principal } = {}) {
      const b: PayoutBatch = {
        id: uid(),
        status: 'created',
        items_processed: 0,
        items_succeeded: 0,
        items_failed: 0,
        ...init,
      };
      fb.payoutBatches.set(b.id, b);
      own('payout_batch', b.id, p);
      return b;
    },
    updatePayoutBatch(id, patch, { push: p = true } = {}) {
      const b = Object.assign(get(fb.payoutBatches, id, 'payout batch'), patch);
      return emit('payout_batch', b, p);
    },
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
  const routes = createRoutes(fb, {
    ownerOf,
    own,
    idem: new Map(),
    openStream: events.open,
    now,
  });
  return fb;
}
