import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { faultInjector } from './controls/faults';
import { controlsRouter, type FaultsHolder } from './controls/router';
import { checkOptions, DEFAULT_API_KEY, DEFAULT_CLIENT_ID, type SandboxOptions } from './options';
import { pagesRouter } from './pages/router';
import { appsRouter } from './routes/apps';
import { basicAuth } from './routes/auth';
import { flowsRouter } from './routes/flows';
import { errorHandler, unknownRoute } from './routes/http';
import { payoutBatchesRouter } from './routes/payout-batches';
import { payoutLinksRouter } from './routes/payout-links';
import { transactionsRouter } from './routes/transactions';
import { transfersRouter } from './routes/transfers';
import { userActionsRouter } from './routes/user-actions';
import { usersRouter } from './routes/users';
import { createEngine, type SandboxEngine } from './state/engine';

/** The Express app `createSandbox` returns, with its engine attached. */
export type SandboxApp = Express & { locals: { sandbox: SandboxEngine } };

/**
 * Creates the Dots v2 emulator as an Express app (it does not listen). It serves the REST
 * API under `/api/v2/...` (Basic auth), the hosted pages (`/flow/:id`, a payout link's page too),
 * and, when `enableControls` is set, the test controls under `/_sandbox/`. The engine
 * (state, clock, webhooks) is `app.locals.sandbox`. Throws at once on invalid options.
 */
export function createSandbox(options: SandboxOptions = {}): SandboxApp {
  checkOptions(options);
  const engine = createEngine({
    now: options.now,
    webhookRetry: options.webhookRetry,
    webhooks: options.webhooks,
    publicUrl: options.publicUrl,
    timings: options.timings,
  });
  const faults: FaultsHolder = { current: {} };
  const app = express() as SandboxApp;
  app.disable('x-powered-by');
  app.set('etag', false);
  app.locals.sandbox = engine;

  app.use(faultInjector(() => faults.current));
  const api = express.Router();
  api.use(
    basicAuth(engine, options.clientId ?? DEFAULT_CLIENT_ID, options.apiKey ?? DEFAULT_API_KEY),
  );
  api.use(express.json({ limit: '5mb' }));
  // One flat router (no nested routers): every extra layer costs on every request.
  for (const register of [
    flowsRouter,
    usersRouter,
    payoutLinksRouter,
    transfersRouter,
    userActionsRouter,
    payoutBatchesRouter,
    transactionsRouter,
    appsRouter,
  ]) {
    register(engine, api);
  }
  app.use('/api', api);
  app.use(pagesRouter(engine));
  if (options.enableControls) app.use(express.json(), controlsRouter(engine, faults));
  app.use(unknownRoute);
  app.use(errorHandler);
  return app;
}

/** A listening sandbox. */
export interface RunningSandbox {
  /** Base URL, e.g. `http://127.0.0.1:4010` (API at `${url}/api`); links use it unless `publicUrl` is set. */
  url: string;
  /** The engine: state, emulated clock, webhook dispatcher. */
  sandbox: SandboxEngine;
  /** Stops listening, closes open connections and cancels timers. */
  close(): Promise<void>;
}

/**
 * Creates the sandbox and listens on `options.host` (127.0.0.1) and `options.port`
 * (default 0: a free port). Links point at the listening origin unless `publicUrl` is set.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const app = createSandbox(options);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, (err?: Error) =>
      err ? reject(err) : resolve(s),
    );
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  const engine = app.locals.sandbox;
  if (!engine.fixedOrigin) {
    engine.origin = url;
    engine.fixedOrigin = true;
  }
  return {
    url,
    sandbox: engine,
    close: () =>
      new Promise<void>((resolve, reject) => {
        engine.clock.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
