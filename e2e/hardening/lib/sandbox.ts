import { type RunningSandbox, startSandbox } from '@dotskit/sandbox';
import { API_KEY, CLIENT_ID, HARDENING_SANDBOX_OPTIONS } from './constants';
import { request } from './http';

/** A running sandbox read over HTTP, as Dots would be read (wherever the sandbox runs). */
export interface SandboxClient {
  url: string;
  /** Calls a `/_sandbox/` control; throws on a non-2xx. */
  control(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  /** Calls the Dots API (`/api/v2/…`) with the app's Basic credentials. */
  api(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number | string; body: unknown }>;
  /** Every item of a Dots list endpoint (`/v2/payout-links`, `/v2/transfers`, `/v2/flows`), all pages. */
  listAll(path: string): Promise<Record<string, unknown>[]>;
}

/** The sandbox in this process (controls on, fast simulated progress). */
export interface SandboxHandle extends SandboxClient {
  running: RunningSandbox;
  close(): Promise<void>;
}

const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${API_KEY}`).toString('base64')}`;

/** HTTP helpers for the sandbox at `url` (its origin, no trailing slash). */
export function sandboxClient(url: string): SandboxClient {
  const client: SandboxClient = {
    url,
    async control(method, path, body) {
      const res = await request(method, `${url}${path}`, { body: body ?? {} });
      if (typeof res.status !== 'number' || res.status >= 300)
        throw new Error(
          `sandbox control ${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`,
        );
      return res.body as Record<string, unknown>;
    },
    async api(method, path, body) {
      const res = await request(method, `${url}/api${path}`, {
        headers: { authorization: basic },
        body,
      });
      return { status: res.status, body: res.body };
    },
    async listAll(path) {
      const all: Record<string, unknown>[] = [];
      let after: string | undefined;
      for (;;) {
        const q = `limit=100${after ? `&starting_after=${after}` : ''}`;
        const res = await client.api('GET', `${path}?${q}`);
        if (res.status !== 200) throw new Error(`list ${path} → ${res.status}`);
        const page = res.body as { data: Record<string, unknown>[]; has_more: boolean };
        all.push(...page.data);
        if (!page.has_more || page.data.length === 0) return all;
        after = String(page.data[page.data.length - 1]?.id);
      }
    },
  };
  return client;
}

/** Starts the sandbox in this process with {@link HARDENING_SANDBOX_OPTIONS}. */
export async function startSandboxHandle(): Promise<SandboxHandle> {
  const running = await startSandbox(HARDENING_SANDBOX_OPTIONS);
  return { ...sandboxClient(running.url), running, close: () => running.close() };
}

/** How many objects share each `metadata.hk` marker (one marker = one idempotency key); >1 is a duplicate. */
export function duplicatesByMarker(items: Record<string, unknown>[]): number {
  const seen = new Map<string, number>();
  for (const item of items) {
    const meta = item.metadata as Record<string, unknown> | null | undefined;
    const marker = meta && typeof meta === 'object' ? meta.hk : undefined;
    if (typeof marker === 'string') seen.set(marker, (seen.get(marker) ?? 0) + 1);
  }
  let dups = 0;
  for (const n of seen.values()) if (n > 1) dups += n - 1;
  return dups;
}
