import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createDotsClient } from '../client/create-client';
import { resourceFor } from './resources';
import { startTestServer, type TestServer } from './test-server';

/** Matches the UUIDs the client generates as idempotency keys. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A recording test server for one test file and a client factory pointed at it. */
export interface ClientHarness {
  /** The server; `requests` is emptied and the handler reset before every test. */
  readonly server: TestServer;
  /** A client for the server with dev credentials; `extra` overrides any option. */
  client(
    extra?: Partial<Parameters<typeof createDotsClient>[0]>,
  ): ReturnType<typeof createDotsClient>;
}

/**
 * Registers hooks that start a test server for the file, answer every request with a
 * realistic resource for its path, and clear the recorded requests before each test.
 */
export function useClientHarness(): ClientHarness {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    if (!server) return;
    server.requests.length = 0;
    server.handle((req) => ({ status: 200, json: resourceFor(req.path) }));
  });
  const started = (): TestServer => {
    if (!server) throw new TypeError('[dotskit] use the harness inside tests or hooks');
    return server;
  };
  return {
    get server() {
      return started();
    },
    client: (extra = {}) =>
      createDotsClient({
        clientId: 'pk_dev_client',
        apiKey: 'sk_dev_secret',
        environment: { baseUrl: started().baseUrl },
        ...extra,
      }),
  };
}
