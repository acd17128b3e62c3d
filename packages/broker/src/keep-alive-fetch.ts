import http from 'node:http';
import https from 'node:https';
import { FETCH_TIMEOUT_MS } from '@dotskit/api';

/** Options of {@link createKeepAliveFetch}. */
export interface KeepAliveFetchOptions {
  /** Sockets kept per origin. Default: 256. */
  maxSockets?: number;
  /** Idle sockets kept open per origin. Default: 64. */
  maxFreeSockets?: number;
  /**
   * The largest answer body buffered, in bytes; a longer one rejects the call and closes its
   * socket, so that a broken or hostile upstream cannot fill memory before the timeout.
   * Default: 8 MiB (a Dots page of 100 objects is well under 1 MiB).
   */
  maxResponseBytes?: number;
}

/** The response {@link createKeepAliveFetch} resolves with: the part of `Response` a JSON API client uses. */
export interface KeepAliveResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly headers: {
    get(name: string): string | null;
    has(name: string): boolean;
    forEach(fn: (value: string, name: string) => void): void;
  };
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

function toResponse(url: string, res: http.IncomingMessage, body: Buffer): KeepAliveResponse {
  const status = res.statusCode ?? 0;
  const raw = res.headers;
  const get = (name: string) => {
    const value = raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    url,
    headers: {
      get,
      has: (name) => raw[name.toLowerCase()] !== undefined,
      forEach: (fn) => {
        for (const name of Object.keys(raw)) fn(get(name) as string, name);
      },
    },
    text: async () => body.toString('utf8'),
    json: async () => JSON.parse(body.toString('utf8')),
    arrayBuffer: async () =>
      body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
  };
}

function plainHeaders(headers: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (headers instanceof Headers || Array.isArray(headers)) {
    new Headers(headers).forEach((value, name) => {
      out[name] = value;
    });
    return out;
  }
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = String(value);
  return out;
}

/**
 * A `fetch` for server-side calls to Dots over node:http/https with keep-alive agents. Node
 * 20's global fetch costs about twice as much per request on loopback (measured in
 * bench/broker-overhead.mjs); this is the transport the broker gives its Dots client by
 * default. It buffers each response (Dots answers are small JSON) and resolves with a
 * {@link KeepAliveResponse} (status, ok, headers.get, text, json, arrayBuffer), not a full
 * `Response`. Takes a URL (string or `URL`; a `Request` is refused with a TypeError) and
 * `method`, `headers`, string/bytes `body` and `signal` in `init`, and is marked
 * with `FETCH_TIMEOUT_MS` from `@dotskit/api`: given `init[FETCH_TIMEOUT_MS]`, it rejects
 * with a `TimeoutError` when the whole response has not arrived within that many ms, so the
 * Dots client needs no `AbortController` per call. An answer body longer than
 * `maxResponseBytes` rejects with a `RangeError`. Once a call settles, it holds no timer,
 * no listener on the caller's signal and, unless it succeeded, no socket.
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
  const maxResponseBytes = options.maxResponseBytes ?? 8 * 1024 * 1024;
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes <= 0) {
    throw new TypeError(
      `[dotskit] createKeepAliveFetch: maxResponseBytes must be a positive whole number of bytes (got ${String(options.maxResponseBytes)}).`,
    );
  }

  const keepAliveFetch = (
    input: string | URL | Request,
    init: RequestInit = {},
  ): Promise<KeepAliveResponse> =>
    new Promise((resolve, reject) => {
      // A `Request`'s method, headers and body would be dropped without a word: refused.
      if (typeof input !== 'string' && !(input instanceof URL)) {
        return reject(
          new TypeError(
            '[dotskit] keep-alive fetch takes a URL (string or URL), not a Request: pass method, headers and body in init',
          ),
        );
      }
      const href = typeof input === 'string' ? input : input.href;
      const url = new URL(href);
      const protocol = url.protocol as 'http:' | 'https:';
      if (!(protocol in agents))
        return reject(new TypeError(`Unsupported protocol ${url.protocol}`));
      const signal = init.signal ?? undefined;
      if (signal?.aborted)
        return reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      const headers = plainHeaders(init.headers);
      const body = init.body;
      if (body != null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
        return reject(
          new TypeError('[dotskit] keep-alive fetch supports string or Uint8Array bodies only'),
        );
      }
      if (body != null) headers['content-length'] = String(Buffer.byteLength(body));
      const transport = protocol === 'https:' ? https : http;
      // Every way out (answer, error, caller abort, timeout, oversized answer) goes through
      // `settle`: it clears the timer and the caller's abort listener, which would otherwise
      // hold this request (and its buffered chunks) until the timer fires or the signal dies.
      let settled = false;
      const settle = (error: unknown, response?: KeepAliveResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (error === undefined) resolve(response as KeepAliveResponse);
        else {
          req.destroy();
          reject(error);
        }
      };
      const onAbort = () => settle(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
      const timeoutMs = (init as Record<symbol, unknown>)[FETCH_TIMEOUT_MS];
      const timer =
        typeof timeoutMs === 'number'
          ? setTimeout(
              () => settle(new DOMException(`Timed out after ${timeoutMs} ms`, 'TimeoutError')),
              timeoutMs,
            )
          : undefined;
      const req = transport.request(
        url,
        { method: init.method ?? 'GET', headers, agent: agents[protocol] },
        (res) => {
          const chunks: Buffer[] = [];
          let received = 0;
          res.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > maxResponseBytes) {
              chunks.length = 0;
              return settle(
                new RangeError(`Dots answered more than ${maxResponseBytes} bytes (${href})`),
              );
            }
            chunks.push(chunk);
          });
          res.on('error', (err) => settle(err));
          res.on('end', () => {
            const whole = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
            settle(undefined, toResponse(href, res, whole));
          });
        },
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err) => settle(err));
      req.end(body ?? undefined);
    });

  const marked = Object.assign(keepAliveFetch as unknown as typeof fetch, {
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  });
  // Not enumerable: a wrapper made with Object.assign(wrapper, thisFetch) or a spread keeps
  // `close` but not the mark, so the client, not knowing whether the wrapper passes
  // init[FETCH_TIMEOUT_MS] on, times the call with its own timer.
  Object.defineProperty(marked, FETCH_TIMEOUT_MS, { value: true, enumerable: false });
  return marked;
}
