import type { BrokerConfig } from './broker-client';
import type { BrokerEventType } from './broker-events';
import { uid } from './uid';
import type {
  Flow,
  FlowStep,
  PayoutBatch,
  PayoutLink,
  PayoutLinkStatus,
  ResourceKind,
  Transfer,
  TransferStatus,
} from './wire-types';

export { isFlowComplete } from './wire-types';

/** A request the fake broker received. */
export interface FakeBrokerRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}

/** Options of {@link createFakeBroker}. */
export interface FakeBrokerOptions {
  /** Base URL the provider is given. Default `https://broker.test/dots`. */
  url?: string;
  /**
   * Origin of flow and payout-link pages. Default `https://my-sandbox.dots.dev` (a Dots
   * flow origin, so links pass the widgets' link check without `flowOrigins`).
   */
  flowOrigin?: string;
}

/**
 * In-memory implementation of the broker HTTP contract for host apps' jsdom tests:
 * pass `broker.config` as `<DotsProvider broker>` and drive the resources with
 * `completeStep`, `completeFlow`, `setPayoutLinkStatus`, … Each change is pushed on
 * the `/events` stream exactly as the real broker does (see `broker-events.ts`).
 */
export interface FakeBroker {
  url: string;
  flowOrigin: string;
  /** `{ url, getToken, fetch }` ready for `<DotsProvider broker>`. */
  config: Required<BrokerConfig>;
  fetch: typeof fetch;
  getToken: BrokerConfig['getToken'];
  /** How often `getToken` was called. */
  readonly tokenCalls: number;
  requests: FakeBrokerRequest[];
  flows: Map<string, Flow>;
  payoutLinks: Map<string, PayoutLink>;
  transfers: Map<string, Transfer>;
  payoutBatches: Map<string, PayoutBatch>;
  /** Currently open `/events` streams. */
  readonly openStreams: number;
  /** Marks one step completed (and pushes `flow.updated` unless `push: false`). */
  completeStep(flowId: string, step: string, opts?: { push?: boolean }): Flow;
  /** Marks every step completed; pushes `flow.updated` and `flow.completed` unless `push: false`. */
  completeFlow(flowId: string, opts?: { push?: boolean }): Flow;
  /** Sets a payout link's status (and pushes it). */
  setPayoutLinkStatus(id: string, status: PayoutLinkStatus, opts?: { push?: boolean }): PayoutLink;
  /** Claims the link and completes its transfer: the whole "paid out" path. */
  payOut(payoutLinkId: string): Transfer;
  createTransfer(init?: Partial<Transfer>): Transfer;
  setTransferStatus(id: string, status: TransferStatus, opts?: { push?: boolean }): Transfer;
  createPayoutBatch(init?: Partial<PayoutBatch>): PayoutBatch;
  updatePayoutBatch(
    id: string,
    patch: Partial<PayoutBatch>,
    opts?: { push?: boolean },
  ): PayoutBatch;
  /** Makes the next matching request fail with this status and error code. */
  failNext(match: { method?: string; path?: RegExp | string }, status: number, code?: string): void;
  /** Invalidates the current token: requests get 401 until `getToken({ refresh: true })`. */
  revokeToken(): void;
  /** Pushes an event as-is (for malformed-event tests pass any `data` string). */
  push(type: BrokerEventType | string, data: string): void;
  /** Ends every open `/events` stream from the server side (clients reconnect). */
  dropStreams(): void;
}

const TYPE: Record<ResourceKind, BrokerEventType> = {
  flow: 'flow.updated',
  payout_link: 'payout_link.updated',
  transfer: 'transfer.updated',
  payout_batch: 'payout_batch.updated',
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const error = (status: number, code: string, message: string) =>
  json(status, { error: { code, message } });

/** Creates a fake broker. Nothing is shared between two fakes. */
export function createFakeBroker(options: FakeBrokerOptions = {}): FakeBroker {
  const url = (options.url ?? 'https://broker.test/dots').replace(/\/+$/, '');
  const flowOrigin = options.flowOrigin ?? 'https://my-sandbox.dots.dev';
  const enc = new TextEncoder();
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const log: { id: number; text: string }[] = [];
  const idem = new Map<string, unknown>();
  const failures: { method?: string; path?: RegExp | string; status: number; code: string }[] = [];
  let tokenVersion = 1;
  let cached: string | undefined;
  let tokenCalls = 0;
  let seq = 0;

  const push = (type: string, data: string) => {
    const entry = { id: ++seq, text: `id: ${seq}\nevent: ${type}\ndata: ${data}\n\n` };
    log.push(entry);
    for (const c of streams) c.enqueue(enc.encode(entry.text));
  };
  const emit = <T extends { id: string }>(
    kind: ResourceKind,
    r: T,
    push_ = true,
    type = TYPE[kind],
  ) => {
    if (push_) push(type, JSON.stringify({ type, resource_id: r.id, resource: r }));
    return r;
  };
  const get = <T>(m: Map<string, T>, id: string, what: string) => {
    const r = m.get(id);
    if (!r) throw new Error(`fake broker: no ${what} ${id}`);
    return r;
  };

  const openStream = (lastId: string | null, signal?: AbortSignal | null) => {
    let ctl!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        ctl = c;
        streams.add(c);
        c.enqueue(enc.encode(': connected\n\n'));
        for (const e of log) if (lastId && e.id > Number(lastId)) c.enqueue(enc.encode(e.text));
      },
      cancel() {
        streams.delete(ctl);
      },
    });
    signal?.addEventListener('abort', () => {
      if (streams.delete(ctl)) ctl.error(new DOMException('aborted', 'AbortError'));
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };

  const create = <T>(body: Record<string, unknown>, make: () => T): [number, T] => {
    const key = typeof body.idempotency_key === 'string' ? body.idempotency_key : undefined;
    if (key && idem.has(key)) return [201, idem.get(key) as T];
    const r = make();
    if (key) idem.set(key, r);
    return [201, r];
  };

  const handle = (
    method: string,
    path: string,
    body: Record<string, unknown>,
    init?: RequestInit,
  ) => {
    const lastId = new Headers(init?.headers).get('last-event-id');
    if (method === 'GET' && path === '/events') return openStream(lastId, init?.signal);
    if (method === 'POST' && path === '/flows') {
      if (!Array.isArray(body.steps) || body.steps.length === 0)
        return error(400, 'invalid_input', 'steps: must be a non-empty array');
      const [status, flow] = create(body, () => {
        const id = uid();
        const f: Flow = {
          id,
          link: `${flowOrigin}/flow/${id}`,
          steps: body.steps as FlowStep[],
          completed_steps: [],
          user_id: null,
          created: new Date().toISOString(),
          metadata: (body.metadata as Flow['metadata']) ?? null,
        };
        fb.flows.set(id, f);
        return f;
      });
      return json(status, flow);
    }
    if (method === 'POST' && path === '/payout-links') {
      if (!Number.isInteger(body.amount) || (body.amount as number) <= 0)
        return error(400, 'invalid_input', 'amount: must be a positive integer (cents)');
      const [status, link] = create(body, () => {
        const id = uid();
        const l: PayoutLink = {
          id,
          link: `${flowOrigin}/payout-link/${id}`,
          status: 'created',
          amount: body.amount as number,
          memo: (body.memo as string) ?? null,
          flow_id: uid(),
          transfer_id: null,
        };
        fb.payoutLinks.set(id, l);
        return l;
      });
      return json(status, link);
    }
    const m = /^\/(flows|payout-links|transfers|payout-batches)\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) {
      const maps = {
        flows: fb.flows,
        'payout-links': fb.payoutLinks,
        transfers: fb.transfers,
        'payout-batches': fb.payoutBatches,
      };
      const r = (maps[m[1] as keyof typeof maps] as Map<string, unknown>).get(
        decodeURIComponent(m[2]!),
      );
      return r ? json(200, r) : error(404, 'not_found', 'No such resource');
    }
    return error(404, 'not_found', `No route ${method} ${path}`);
  };

  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!href.startsWith(`${url}/`))
      throw new TypeError(`fake broker: fetch to ${href} outside ${url}`);
    const path = href.slice(url.length).split('?')[0]!;
    const method = (init?.method ?? 'GET').toUpperCase();
    const authorization = new Headers(init?.headers).get('authorization');
    let body: Record<string, unknown> = {};
    try {
      body = typeof init?.body === 'string' ? JSON.parse(init.body) : {};
    } catch {
      return error(400, 'invalid_json', 'Body is not JSON');
    }
    fb.requests.push({ method, path, body, authorization });
    await Promise.resolve();
    if (authorization !== `Bearer token-${tokenVersion}`)
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
    return handle(method, path, body, init);
  };

  const getToken: BrokerConfig['getToken'] = ({ refresh }) => {
    tokenCalls++;
    if (refresh || !cached) cached = `token-${tokenVersion}`;
    return cached;
  };

  const fb: FakeBroker = {
    url,
    flowOrigin,
    fetch: fakeFetch as typeof fetch,
    getToken,
    config: { url, getToken, fetch: fakeFetch as typeof fetch },
    get tokenCalls() {
      return tokenCalls;
    },
    requests: [],
    flows: new Map(),
    payoutLinks: new Map(),
    transfers: new Map(),
    payoutBatches: new Map(),
    get openStreams() {
      return streams.size;
    },
    completeStep(flowId, step, { push: p = true } = {}) {
      const f = get(fb.flows, flowId, 'flow');
      if (!f.completed_steps.includes(step as never))
        f.completed_steps = [...f.completed_steps, step as never];
      return emit('flow', f, p);
    },
    completeFlow(flowId, { push: p = true } = {}) {
      const f = get(fb.flows, flowId, 'flow');
      f.completed_steps = f.steps.map((s) => (typeof s === 'string' ? s : s.name));
      f.user_id ??= uid();
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
      const t = fb.createTransfer({
        amount: -l.amount,
        payout_link_id: l.id,
        status: 'pending',
        type: 'payout',
      });
      l.transfer_id = t.id;
      l.claimed_user_id = uid();
      fb.setPayoutLinkStatus(l.id, 'claimed');
      return fb.setTransferStatus(t.id, 'completed');
    },
    createTransfer(init = {}) {
      const t: Transfer = { id: uid(), status: 'created', amount: -1000, type: 'payout', ...init };
      fb.transfers.set(t.id, t);
      return t;
    },
    setTransferStatus(id, status, { push: p = true } = {}) {
      const t = get(fb.transfers, id, 'transfer');
      t.status = status;
      return emit('transfer', t, p);
    },
    createPayoutBatch(init = {}) {
      const b: PayoutBatch = {
        id: uid(),
        status: 'created',
        items_processed: 0,
        items_succeeded: 0,
        items_failed: 0,
        ...init,
      };
      fb.payoutBatches.set(b.id, b);
      return b;
    },
    updatePayoutBatch(id, patch, { push: p = true } = {}) {
      const b = Object.assign(get(fb.payoutBatches, id, 'payout batch'), patch);
      return emit('payout_batch', b, p);
    },
    failNext(match, status, code = 'injected') {
      failures.push({ ...match, status, code });
    },
    revokeToken() {
      tokenVersion++;
    },
    push,
    dropStreams() {
      for (const c of streams) c.close();
      streams.clear();
    },
  };
  return fb;
}
