import http from 'node:http';

/** What a request ended with: an HTTP status, or the network error code when none came back. */
export interface Outcome {
  status: number | string;
  body: unknown;
  headers: http.IncomingHttpHeaders;
  ms: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One HTTP request that never throws: network failures become `status: 'ECONNRESET'` etc. */
export function request(
  method: string,
  url: string,
  {
    headers = {},
    body,
    raw,
    timeoutMs = 30_000,
  }: {
    headers?: Record<string, string>;
    body?: unknown;
    raw?: string | Buffer;
    timeoutMs?: number;
  } = {},
): Promise<Outcome> {
  const started = performance.now();
  const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const h: Record<string, string> = { ...headers };
  if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
  return new Promise((resolve) => {
    const req = http.request(url, { method, headers: h, agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {}
        resolve({
          status: res.statusCode ?? 0,
          body: parsed,
          headers: res.headers,
          ms: performance.now() - started,
        });
      });
      res.on('error', (err: NodeJS.ErrnoException) =>
        resolve({
          status: err.code ?? 'ERR',
          body: undefined,
          headers: {},
          ms: performance.now() - started,
        }),
      );
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve({
        status: err.code ?? 'ERR',
        body: undefined,
        headers: {},
        ms: performance.now() - started,
      }),
    );
    if (payload !== undefined) req.end(payload);
    else req.end();
  });
}

/** Bearer header for a token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Counts outcomes by status ("201", "503", "ECONNREFUSED", …). */
export class StatusTally {
  readonly counts = new Map<string, number>();
  add(status: number | string): void {
    const key = String(status);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }
  /** Non-2xx outcomes as "503×4, ECONNRESET×1" (or "none"). */
  errors(): string {
    const parts = [...this.counts]
      .filter(([k]) => !/^2\d\d$/.test(k))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}×${v}`);
    return parts.length ? parts.join(', ') : 'none';
  }
  count(pred: (status: string) => boolean): number {
    let n = 0;
    for (const [k, v] of this.counts) if (pred(k)) n += v;
    return n;
  }
}

/** Percentile (0-100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}
