import { startTestPostgres, type TestPostgres } from './pg-server';

let server: TestPostgres | undefined;

/**
 * Vitest globalSetup: when `DOTSKIT_TEST_PG_URL` is not set, starts one throwaway
 * PostgreSQL for the whole run and exports its URL to the test workers. If that fails,
 * the PostgreSQL tests fail with the reason (they call `startTestPostgres` themselves).
 */
export async function setup(): Promise<void> {
  if (process.env.DOTSKIT_TEST_PG_URL) return;
  try {
    server = await startTestPostgres();
    process.env.DOTSKIT_TEST_PG_URL = server.url;
  } catch (error) {
    console.warn(`[dotskit] no PostgreSQL for tests: ${String(error)}`);
  }
}

/** Stops the PostgreSQL that `setup` started, if any. */
export async function teardown(): Promise<void> {
  await server?.stop();
}
