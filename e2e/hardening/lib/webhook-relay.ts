import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the relay mangles deliveries on their way from the sandbox to the broker. */
export interface RelayMode {
  /** Extra copies of each delivery sent to the broker (0 = none). */
  duplicates?: number;
  /** Each copy waits a random 0..jitterMs before it is forwarded (reorders deliveries). */
  jitterMs?: number;
  /** Each delivery waits this long before its first copy is forwarded. */
  delayMs?: number;
}

/** One delivery the relay forwarded and what the broker answered to each copy. */
export interface RelayedDelivery {
  svixId: string;
  body: Record<string, unknown>;
  statuses: (number | string)[];
  /** When the broker first answered a copy with a 2xx (epoch ms). */
  ackedAt?: number;
}

/**
 * A man in the middle for webhooks: the sandbox delivers to it, it forwards the exact
 * signed bytes and headers to the broker — duplicated, delayed or reordered — and answers
 * the sandbox with the broker's answer to the first copy (so the sandbox retries failures).
 */
export interface WebhookRelay {
  url: string;
  mode: RelayMode;
  target: string;
  deliveries: Map<string, RelayedDelivery>;
  /** svix ids the broker answered at least once with a 2xx. */
  acknowledged(): string[];
  /** Resolves once no forwarded copy is in flight. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function forward(
  target: string,
  headers: Record<string, string>,
  raw: Buffer,
): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.request(
      `${target}/webhooks`,
      { method: 'POST', headers, agent, timeout: 15_000 },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'ERR'));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'ERR'));
    req.end(raw);
  });
}

/** Starts the relay on 127.0.0.1:0 in front of `target` (the broker's base URL). */
export async function startWebhookRelay(
  target: string,
  mode: RelayMode = {},
): Promise<WebhookRelay> {
  const deliveries = new Map<string, RelayedDelivery>();
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  };
  const relay: WebhookRelay = {
    url: '',
    mode,
    target,
    deliveries,
    acknowledged: () =>
      [...deliveries.values()]
        .filter((d) => d.statuses.some((s) => typeof s === 'number' && s >= 200 && s < 300))
        .map((d) => d.svixId),
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const name of [
        'content-type',
        'svix-id',
        'svix-timestamp',
        'svix-signature',
        'user-agent',
      ]) {
        const v = req.headers[name];
        if (typeof v === 'string') headers[name] = v;
      }
      const svixId = headers['svix-id'] ?? '';
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {}
      const record = deliveries.get(svixId) ?? { svixId, body, statuses: [] };
      deliveries.set(svixId, record);
      const copy = async (extraDelay: number) => {
        await sleep(extraDelay + Math.random() * (relay.mode.jitterMs ?? 0));
        const status = await forward(relay.target, headers, raw);
        record.statuses.push(status);
        if (typeof status === 'number' && status < 300 && status >= 200)
          record.ackedAt ??= Date.now();
        return status;
      };
      const first = track(copy(relay.mode.delayMs ?? 0));
      for (let i = 0; i < (relay.mode.duplicates ?? 0); i++)
        void track(copy(relay.mode.delayMs ?? 0));
      void first.then((status) => {
        res.statusCode = typeof status === 'number' ? status : 502;
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  relay.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return relay;
}
