// Child process of the benchmark: serves one target (`sandbox`, `proxy-http`, `proxy-fetch`
// or `broker`) configured by the first IPC message, and reports `{ url, pid }` back.
import http from 'node:http';
import {
  API_KEY,
  BASIC,
  brokerDir,
  CLIENT_ID,
  JWT_SECRET,
  load,
  sandboxDir,
  WEBHOOK_SECRET,
} from './shared.mjs';

async function serve(kind, config) {
  const listen = (handler) =>
    new Promise((resolve) => {
      const server = http.createServer(handler);
      server.keepAliveTimeout = 30_000;
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
  if (kind === 'sandbox') {
    const { startSandbox } = await load(sandboxDir);
    const sb = await startSandbox({ clientId: CLIENT_ID, apiKey: API_KEY });
    process.send({ url: sb.url });
    return;
  }
  const { default: express } = await import('express');
  if (kind === 'proxy-http' || kind === 'proxy-fetch') {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    const upstream = new URL(config.sandboxUrl);
    const app = express();
    app.get('/flows/:id', async (req, res) => {
      if (kind === 'proxy-fetch') {
        const r = await fetch(`${config.sandboxUrl}/api/v2/flows/${req.params.id}`, {
          headers: { authorization: BASIC },
        });
        res
          .status(r.status)
          .type('application/json')
          .send(Buffer.from(await r.arrayBuffer()));
        return;
      }
      const up = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: `/api/v2/flows/${req.params.id}`,
          agent,
          headers: { authorization: BASIC },
        },
        (r) => {
          res.status(r.statusCode ?? 502).type(r.headers['content-type'] ?? 'application/json');
          r.pipe(res);
        },
      );
      up.on('error', () => res.status(502).end());
      up.end();
    });
    const server = await listen(app);
    process.send({ url: `http://127.0.0.1:${server.address().port}` });
    return;
  }
  // broker
  const broker = await load(brokerDir);
  const { default: pino } = await import('pino');
  const store =
    config.store === 'memory'
      ? broker.createMemoryStore()
      : broker.createSqliteStore({
          filename: config.dbFile,
          synchronous: config.synchronous ?? 'full',
        });
  const router = broker.createBroker({
    dots: {
      clientId: CLIENT_ID,
      apiKey: API_KEY,
      environment: { baseUrl: `${config.sandboxUrl}/api` },
      ...(config.transport === 'global-fetch' ? { fetch: globalThis.fetch } : {}),
    },
    auth: { jwtSecret: JWT_SECRET },
    store,
    webhookSecret: WEBHOOK_SECRET,
    // The limiter stays on (its store round trips are part of the cost) with limits never reached.
    rateLimit:
      config.rateLimit === false
        ? false
        : { perPrincipal: 1e9, perIp: 1e9, ...(config.sharedLimiter ? { shared: true } : {}) },
    // Default level (info): one line per request, serialised, written to /dev/null.
    logger: pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false })),
    heartbeatMs: 15_000,
  });
  await router.ready();
  const app = express();
  app.use('/', router);
  const server = await listen(app);
  process.on('message', async (msg) => {
    if (msg.op === 'createFlows') {
      const ids = [];
      for (let i = 0; i < msg.owners.length; i++)
        ids.push((await router.flows.create({ sub: msg.owners[i], scopes: [] }, { steps: ['compliance'] })).id);
      process.send({ ids });
    } else if (msg.op === 'countWebhooks')
      process.send({ count: await store.countJobs('webhook') });
  });
  process.on('SIGTERM', async () => {
    server.closeAllConnections();
    await router.close();
    process.exit(0);
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ url: `http://127.0.0.1:${server.address().port}`, pid: process.pid });
}

process.once('message', ({ kind, config }) => serve(kind, config));
