import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request the test server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: unknown;
  at: number;
}

/** What a handler answers; `hang` never answers, `destroy` drops the connection. */
export type Reply =
  | { status?: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | { hang: true }
  | { destroy: true };

/** A real HTTP server on 127.0.0.1, port 0, recording every request. */
export interface TestServer {
  /** Base URL such as `http://127.0.0.1:43123/api`. */
  baseUrl: string;
  origin: string;
  requests: RecordedRequest[];
  /** Sets the handler for the next requests. */
  handle(handler: (req: RecordedRequest, index: number) => Reply): void;
  /** Answers the next requests with these replies, in order (the last one repeats). */
  replies(...replies: Reply[]): void;
  close(): Promise<void>;
}

/** Starts a recording HTTP server. Requests under `/api` are recorded with `path` minus `/api`. */
export async function startTestServer(): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  let handler: (req: RecordedRequest, index: number) => Reply = () => ({ status: 200, json: {} });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://x');
      let body: unknown;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        body = rawBody;
      }
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname.replace(/^\/api/, ''),
        query: url.searchParams,
        headers: req.headers,
        rawBody,
        body,
        at: Date.now(),
      };
      requests.push(recorded);
      const reply = handler(recorded, requests.length - 1);
      if ('hang' in reply) {
        hanging.add(res);
        return;
      }
      if ('destroy' in reply) {
        req.socket.destroy();
        return;
      }
      const headers: Record<string, string> = { ...reply.headers };
      let payload = reply.text ?? '';
      if (reply.json !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(reply.json);
      }
      res.writeHead(reply.status ?? 200, headers);
      res.end(payload);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    baseUrl: `${origin}/api`,
    requests,
    handle(h) {
      handler = h;
    },
    replies(...list) {
      let i = 0;
      handler = () => list[Math.min(i++, list.length - 1)] as Reply;
    },
    close() {
      for (const s of sockets) s.destroy();
      hanging.clear();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
