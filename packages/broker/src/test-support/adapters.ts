import { type RunningSandbox, startSandbox } from '@dotskit/sandbox';
import type { BrokerServerApi } from '../commands/server-api';
import { createBrokerHandler } from '../http/fetch/handler';
import type { BrokerOptions } from '../types';
import {
  captureLogger,
  JWT_SECRET,
  startBroker,
  TEST_API_KEY,
  TEST_CLIENT_ID,
  WEBHOOK_SECRET,
} from './helpers';
import { serveFetch } from './serve-fetch';

/** The two HTTP adapters of the broker. */
export type AdapterKind = 'express' | 'fetch';

/** A broker behind one adapter, listening, in front of a running sandbox. */
export interface AdapterStack {
  /** The broker's base URL (`…/dots`). */
  url: string;
  sandbox: RunningSandbox;
  /** The same broker's server-side API (what a host's backend calls). */
  api: BrokerServerApi;
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** A sandbox with test controls and the test credentials. */
export function startTestSandbox(): Promise<RunningSandbox> {
  return startSandbox({ enableControls: true, clientId: TEST_CLIENT_ID, apiKey: TEST_API_KEY });
}

/**
 * Broker options for tests against `sandbox`: memory store, the test JWT and webhook
 * secrets, no retries and no rate limits, logs captured.
 */
export function testBrokerOptions(sandbox: RunningSandbox): BrokerOptions {
  return {
    dots: {
      clientId: TEST_CLIENT_ID,
      apiKey: TEST_API_KEY,
      environment: { baseUrl: `${sandbox.url}/api` },
      maxRetries: 0,
    },
    auth: { jwtSecret: JWT_SECRET },
    databaseUrl: 'memory:',
    webhookSecret: WEBHOOK_SECRET,
    browserMaxPayoutCents: 100_000,
    rateLimit: false,
    logger: captureLogger(),
  };
}

/**
 * Starts the sandbox and a broker mounted at `/dots` behind the `kind` adapter (Express
 * router, or Fetch handler served through node:http); the sandbox's webhooks go to it.
 */
export async function startAdapter(
  kind: AdapterKind,
  options: Partial<BrokerOptions> = {},
): Promise<AdapterStack> {
  const sandbox = await startTestSandbox();
  const base: BrokerOptions = { ...testBrokerOptions(sandbox), ...options };
  let url: string;
  let broker: BrokerServerApi & { idle(): Promise<void>; close(): Promise<void> };
  let stop: () => Promise<void>;
  if (kind === 'express') {
    const running = await startBroker(base, '/dots');
    ({ url, broker } = { url: running.url, broker: running.broker });
    stop = running.close;
  } else {
    const { authorize: _express, ...rest } = base;
    const handler = createBrokerHandler({ ...rest, basePath: '/dots' });
    await handler.ready();
    const served = await serveFetch(handler);
    url = `${served.url}/dots`;
    broker = handler;
    stop = async () => {
      await handler.close();
      await served.close();
    };
  }
  const res = await fetch(`${sandbox.url}/_sandbox/webhook-endpoints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${url}/webhooks`, secret: WEBHOOK_SECRET }),
  });
  if (!res.ok) throw new Error(`webhook endpoint not registered: ${res.status}`);
  return {
    url,
    sandbox,
    api: broker,
    idle: () => broker.idle(),
    async close() {
      await stop();
      await sandbox.close();
    },
  };
}
