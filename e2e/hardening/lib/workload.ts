import { randomUUID } from 'node:crypto';
import { bearer, request, StatusTally } from './http';
import { tokenFor } from './jwt';
import type { SandboxHandle } from './sandbox';

/** What one principal created, by resource id (a 201 seen by the client). */
export interface Created {
  owner: string;
  kind: 'flow' | 'payout_link' | 'transfer';
  id: string;
  /** The payout link's own flow, owned by the same principal. */
  flowId?: string;
  /** When the client got its 201 (epoch ms). */
  at: number;
}

/** Traffic that a real marketplace would send, with client retries under the same key. */
export interface Workload {
  tally: StatusTally;
  /** The first few answers with status 500 (method, path, body), for the report. */
  internalErrors: string[];
  /** 409 idempotency_mismatch answers: a client retry (same key, same body) taken for another request. */
  mismatches(): number;
  /** Logical creates that got no 201 after every retry. */
  gaveUp(): number;
  /** Logical creates still retrying when the run ended (their fault had not cleared yet). */
  cutOff(): number;
  created: Map<string, Created>;
  principals: string[];
  /** Runs until `stop()` resolves: flows, payout links, host transfers, reads, claims. */
  run(until: Promise<void>): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Creates the workload for `principals` against `brokerUrl()` (a function: the URL may
 * change when the broker restarts on another port — it does not here, but keep it honest).
 * Every create carries `metadata.hk` = its idempotency key so that the sandbox's lists
 * reveal any object created twice for one key.
 */
export function createWorkload(opts: {
  brokerUrl: () => string;
  sandbox: SandboxHandle;
  principals: string[];
  /** Dots user to fund with host transfers. */
  userId: string;
  concurrency?: number;
  /** Client attempts per logical operation (same idempotency key). Default 6. */
  attempts?: number;
}): Workload {
  const tally = new StatusTally();
  const internalErrors: string[] = [];
  let mismatches = 0;
  const created = new Map<string, Created>();
  const attempts = opts.attempts ?? 6;
  let seq = 0;
  let gaveUp = 0;
  let cutOff = 0;
  let done = false;
  const stopped = () => done;

  const send = async (method: string, path: string, sub: string, body?: unknown) => {
    const res = await request(method, `${opts.brokerUrl()}${path}`, {
      headers: bearer(tokenFor(sub)),
      body,
      timeoutMs: 10_000,
    });
    tally.add(res.status);
    if (res.status === 500 && internalErrors.length < 5)
      internalErrors.push(`${method} ${path}: ${JSON.stringify(res.body).slice(0, 300)}`);
    const code = (res.body as { error?: { code?: unknown } } | undefined)?.error?.code;
    if (res.status === 409 && code === 'idempotency_mismatch') mismatches++;
    return res;
  };

  /** One logical create: retried with the same key until a 201 or attempts run out. */
  const create = async (sub: string, path: string, body: Record<string, unknown>) => {
    const key = `hk-${randomUUID()}`;
    const full = { ...body, idempotency_key: key, metadata: { hk: key } };
    for (let i = 0; i < attempts; i++) {
      const res =
        path === '/_host/transfers'
          ? await send('POST', path, sub, { ...full, sub })
          : await send('POST', path, sub, full);
      if (res.status === 201) return res.body as Record<string, unknown>;
      if (
        typeof res.status === 'number' &&
        res.status >= 400 &&
        res.status < 500 &&
        res.status !== 409 &&
        res.status !== 429
      )
        return undefined;
      if (stopped()) {
        cutOff++;
        return undefined;
      }
      await sleep(100 * 2 ** i);
    }
    gaveUp++;
    return undefined;
  };

  const step = async (sub: string) => {
    const n = seq++;
    const pick = n % 5;
    if (pick === 0 || pick === 3) {
      const flow = await create(sub, '/flows', { steps: ['compliance', 'manage-payouts'] });
      if (flow) {
        created.set(String(flow.id), {
          owner: sub,
          kind: 'flow',
          id: String(flow.id),
          at: Date.now(),
        });
        if (n % 2 === 0)
          await opts.sandbox
            .control('POST', `/_sandbox/flows/${flow.id}/complete`, {})
            .catch(() => undefined);
        await send('GET', `/flows/${flow.id}`, sub);
      }
    } else if (pick === 1) {
      // A few cents: the sandbox reserves each link's amount from the app's $100 wallet.
      const link = await create(sub, '/payout-links', { amount: 1 + (n % 5) });
      if (link) {
        created.set(String(link.id), {
          owner: sub,
          kind: 'payout_link',
          id: String(link.id),
          flowId: typeof link.flow_id === 'string' ? link.flow_id : undefined,
          at: Date.now(),
        });
        // The link's claim flow is the claimant's, not the creator's: the creator follows the
        // link (payout_link.updated) and its transfer, and gets no event of that flow.
        if (n % 3 === 0)
          await opts.sandbox
            .control('POST', `/_sandbox/payout-links/${link.id}/claim`, {})
            .catch(() => undefined);
        await send('GET', `/payout-links/${link.id}`, sub);
      }
    } else if (pick === 2) {
      const transfer = await create(sub, '/_host/transfers', { amount: -1, user_id: opts.userId });
      if (transfer) {
        created.set(String(transfer.id), {
          owner: sub,
          kind: 'transfer',
          id: String(transfer.id),
          at: Date.now(),
        });
        await send('GET', `/transfers/${transfer.id}`, sub);
      }
    } else {
      const mine = [...created.values()].filter((c) => c.owner === sub && c.kind === 'flow');
      const target = mine[n % Math.max(1, mine.length)];
      if (target) await send('GET', `/flows/${target.id}`, sub);
    }
  };

  return {
    tally,
    internalErrors,
    mismatches: () => mismatches,
    gaveUp: () => gaveUp,
    cutOff: () => cutOff,
    created,
    principals: opts.principals,
    async run(until) {
      void until.then(() => {
        done = true;
      });
      const workers = Array.from({ length: opts.concurrency ?? 6 }, async (_, w) => {
        const sub = opts.principals[w % opts.principals.length] as string;
        while (!done) await step(sub);
      });
      await Promise.all(workers);
    },
  };
}
