// The broker as a host would mount it: an Express app with createBroker(...) at `basePath`,
// Dots = the sandbox at `sandboxUrl`, store from `databaseUrl`. Optionally serves a static
// host page (completion-latency benchmark) from `staticDir`.
import http from 'node:http';
import path from 'node:path';
import { DOTS_API_KEY, DOTS_CLIENT_ID, JWT_SECRET, WEBHOOK_SECRET } from '../lib/auth.mjs';
import { loadWorkspace, requireFrom } from '../lib/load.mjs';
import { nowMs } from '../lib/stats.mjs';

export async function start({
  sandboxUrl,
  databaseUrl,
  basePath = '/',
  staticDir,
  allowedOrigins = [],
  rateLimit = true,
}) {
  const { createBroker } = await loadWorkspace('@dotskit/broker');
  const express = requireFrom('@dotskit/broker')('express');
  const router = createBroker({
    dots: {
      clientId: DOTS_CLIENT_ID,
      apiKey: DOTS_API_KEY,
      environment: { baseUrl: `${sandboxUrl}/api` },
    },
    auth: { jwtSecret: JWT_SECRET },
    databaseUrl,
    webhookSecret: WEBHOOK_SECRET,
    allowedOrigins,
    // The limiter stays on (its store round trip is part of the broker's cost) with limits
    // no benchmark reaches; the bare proxy has none. Logging is the default (info, stdout).
    rateLimit: rateLimit ? { perPrincipal: 1e9, perIp: 1e9 } : false,
  });
  await router.ready();
  const store = router.store;
  const app = express();
  app.disable('x-powered-by');
  if (staticDir) app.use(express.static(staticDir));
  app.use(basePath, router);
  const server = http.createServer(app);
  server.keepAliveTimeout = 30_000;
  server.maxConnections = Number.POSITIVE_INFINITY;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    commands: {
      /** Appends an event to `owner`'s stream; data carries the send time for latency. */
      appendEvent: async (owner, type, data) => (await store.appendEvent(owner, type, data)).id,
      /** A ping for the SSE benchmark: {seq, t} with t = append time (ms, cross-process clock). */
      appendPing: async (owner, seq) => {
        await store.appendEvent(owner, 'flow.updated', { seq, t: nowMs(), flow_id: 'flow_bench' });
        return true;
      },
      countWebhookEvents: () => store.countJobs('webhook'),
      connections: () => new Promise((resolve) => server.getConnections((_e, n) => resolve(n))),
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await router.close();
    },
    info: { store: store.kind, staticDir: staticDir ? path.basename(staticDir) : null },
  };
}
