import { type RunningSandbox, startSandbox } from '@dotskit/sandbox';
import { createKeepAliveFetch } from '../keep-alive-fetch';
import type { BrokerOptions } from '../types';
import {
  JWT_SECRET,
  type RunningBroker,
  startBroker,
  TEST_API_KEY,
  TEST_CLIENT_ID,
  WEBHOOK_SECRET,
} from './helpers';

/** One upstream request seen by the counting transport. */
export interface UpstreamCall {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

/** A `fetch` that records every upstream request before passing it on. */
export function countingFetch(
  calls: UpstreamCall[],
  inner: typeof fetch = createKeepAliveFetch(),
): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({
      method: init.method ?? 'GET',
      path: url.pathname,
      headers: new Headers(init.headers),
      body,
    });
    return inner(input, init);
  }) as typeof fetch;
}

/** A sandbox with controls and a broker in front of it; the sandbox's webhooks go to the broker. */
export interface Stack {
  sandbox: RunningSandbox;
  b: RunningBroker;
  calls: UpstreamCall[];
  /** Upstream calls matching method and path prefix. */
  count(method: string, pathPrefix: string): number;
  /** Calls a sandbox control. */
  control(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Starts the sandbox and a broker wired to it (JWT auth, memory store unless given). */
export async function startStack(
  options: Partial<BrokerOptions> = {},
  dots: { timeoutMs?: number; maxRetries?: number } = {},
): Promise<Stack> {
  const sandbox = await startSandbox({
    enableControls: true,
    clientId: TEST_CLIENT_ID,
    apiKey: TEST_API_KEY,
  });
  const calls: UpstreamCall[] = [];
  const { createMemoryStore } = await import('../store/memory-store');
  const b = await startBroker({
    dots: {
      clientId: TEST_CLIENT_ID,
      apiKey: TEST_API_KEY,
      environment: { baseUrl: `${sandbox.url}/api` },
      fetch: countingFetch(calls),
      maxRetries: dots.maxRetries ?? 0,
      ...(dots.timeoutMs ? { timeoutMs: dots.timeoutMs } : {}),
    },
    auth: { jwtSecret: JWT_SECRET },
    ...(options.databaseUrl ? {} : { store: createMemoryStore() }),
    rateLimit: false,
    // Browser payout links need a cap; tests of the cap rule pass their own.
    browserMaxPayoutCents: 100_000,
    ...options,
  });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok)
      throw new Error(`sandbox control ${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  await control('POST', '/_sandbox/webhook-endpoints', {
    url: `${b.url}/webhooks`,
    secret: WEBHOOK_SECRET,
  });
  return {
    sandbox,
    b,
    calls,
    count: (method, prefix) =>
      calls.filter((c) => c.method === method && c.path.startsWith(prefix)).length,
    control,
    async close() {
      await b.close();
      await sandbox.close();
    },
  };
}
