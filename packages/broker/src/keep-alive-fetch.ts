import http from 'node:http';
import https from 'node:https';

/** Options of {@link createKeepAliveFetch}. */
export interface KeepAliveFetchOptions {
  /** Sockets kept per origin. Default: 256. */
  maxSockets?: number;
  /** Idle sockets kept open per origin. Default: 64. */
  maxFreeSockets?: number;
}

const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for server-side calls to Dots over node:http/https with keep-alive agents.
 * Node 20's global fetch costs noticeably more per request on loopback; this transport is
 * what the broker gives its Dots client by default. Buffers each response (Dots answers
 * are small JSON); supports `method`, `headers`, string/bytes `body` and `signal`.
 */
export function createKeepAliveFetch(
  options: KeepAliveFetchOptions = {},
): typeof fetch & { close(): void } {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 256,
    maxFreeSockets: options.maxFreeSockets ?? 64,
  };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  const keepAliveFetch = (
    input: string | URL | Request,
    init: RequestInit = {},
  ): Promise<Response> =>
    new Promise((resolve, reject) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      const protocol = url.protocol as 'http:' | 'https:';
      if (!(protocol in agents))
        return reject(new TypeError(`Unsupported protocol ${url.protocol}`));
      const signal = init.signal ?? undefined;
      if (signal?.aborted)
        return reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => {
        headers[name] = value;
      });
      const body = init.body;
      if (body != null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
        return reject(new TypeError('keep-alive fetch supports string or Uint8Array bodies only'));
      }
      if (body != null) headers['content-length'] = String(Buffer.byteLength(body));
      const transport = protocol === 'https:' ? https : http;
      const req = transport.request(
        url,
        { method: init.method ?? 'GET', headers, agent: agents[protocol] },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            signal?.removeEventListener('abort', onAbort);
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              if (Array.isArray(value)) for (const v of value) responseHeaders.append(name, v);
              else if (value !== undefined) responseHeaders.set(name, value);
            }
            const status = res.statusCode ?? 0;
            resolve(
              new Response(NULL_BODY.has(status) ? null : Buffer.concat(chunks), {
                status,
                statusText: res.statusMessage ?? '',
                headers: responseHeaders,
              }),
            );
          });
        },
      );
      const onAbort = () => {
        const reason = signal?.reason ?? new DOMException('Aborted', 'AbortError');
        req.destroy(reason instanceof Error ? reason : undefined);
        reject(reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err) => {
        signal?.removeEventListener('abort', onAbort);
        reject(err);
      });
      req.end(body ?? undefined);
    });

  return Object.assign(keepAliveFetch as typeof fetch, {
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  });
}
