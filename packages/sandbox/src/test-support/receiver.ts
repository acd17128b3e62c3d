import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookDispatcher } from '../webhooks/dispatcher';

/** One webhook request as the receiver got it. */
export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
}

/**
 * A real local HTTP webhook receiver on 127.0.0.1. `status(n)` decides the answer to the
 * n-th request (default 204). `waitFor(pred)` resolves when a received request matches.
 */
export async function startReceiver(status: (n: number) => number = () => 204) {
  const received: Received[] = [];
  const waiters: { pred: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      res.statusCode = status(received.length);
      res.end();
      for (const w of [...waiters]) {
        if (w.pred(r)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(r);
        }
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    /** Parsed bodies received so far. */
    bodies: () => received.map((r) => JSON.parse(r.raw) as Record<string, unknown>),
    waitFor(pred: (r: Received) => boolean): Promise<Received> {
      const hit = received.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A predicate: the request delivered an event of `type`. Dots' bodies do not all name
 * their type, so it is looked up in the sandbox's delivery log by the `svix-id` header.
 */
export const ofType =
  (webhooks: Pick<WebhookDispatcher, 'deliveries'>, type: string) => (r: Received) =>
    webhooks.deliveries().some((d) => d.id === r.headers['svix-id'] && d.event_type === type);
