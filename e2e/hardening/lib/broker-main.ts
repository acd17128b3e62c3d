// Child-process entry of the hardening suite: the broker as the standalone bin runs it
// (express app, broker at `/`, 127.0.0.1), configured from the same environment variables
// (DOTS_CLIENT_ID, DOTS_API_KEY, DOTS_ENVIRONMENT, DOTSKIT_JWT_SECRET, DATABASE_URL,
// DOTS_WEBHOOK_SECRET, PORT), plus HARDENING_RATE_LIMIT=off and a host route that makes
// transfers through the server-side API (as the demo's server does).
import { createBroker } from '@dotskit/broker';
import express from 'express';
import pino from 'pino';
import { probeToFile } from './soak-diag';

const env = process.env;
const need = (name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

async function main(): Promise<void> {
  // The soak's `--diag`: one line of this process's diagnostics per second (soak-diag.ts).
  probeToFile(env.HARDENING_SOAK_DIAG);
  const broker = createBroker({
    dots: {
      clientId: need('DOTS_CLIENT_ID'),
      apiKey: need('DOTS_API_KEY'),
      environment: { baseUrl: need('DOTS_ENVIRONMENT') },
      maxRetries: Number(env.HARDENING_MAX_RETRIES ?? 2),
      timeoutMs: Number(env.HARDENING_TIMEOUT_MS ?? 10_000),
    },
    auth: { jwtSecret: need('DOTSKIT_JWT_SECRET') },
    databaseUrl: need('DATABASE_URL'),
    webhookSecret: need('DOTS_WEBHOOK_SECRET'),
    logger: pino({ level: env.LOG_LEVEL ?? 'warn' }, pino.destination(2)),
    ...(env.HARDENING_RATE_LIMIT === 'off' ? { rateLimit: false as const } : {}),
    heartbeatMs: 15_000,
  });
  await broker.ready();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // The host's own server code: money moves from here, never from the browser.
  const host = { transfers: broker.transfers, 'payout-batches': broker.payoutBatches } as const;
  app.post('/_host/:resource', express.json(), async (req, res) => {
    const api = host[req.params.resource as keyof typeof host];
    const { sub, idempotency_key: key, ...body } = req.body as Record<string, unknown>;
    try {
      if (!api) throw Object.assign(new Error('unknown resource'), { status: 404 });
      const principal = { sub: String(sub), scopes: [] };
      const created = await api.create(principal, body as never, { idempotencyKey: String(key) });
      res.status(201).json(created);
    } catch (err) {
      const status = (err as { status?: number }).status ?? 500;
      res.status(status).json({ error: { message: (err as Error).message } });
    }
  });
  app.use('/', broker);
  const server = app.listen(Number(env.PORT ?? 0), '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
  });
  server.keepAliveTimeout = 65_000;
  server.on('error', (err) => {
    process.stderr.write(`cannot listen: ${err.message}\n`);
    process.exit(1);
  });
  process.on('SIGTERM', () => {
    server.close();
    void broker.close().finally(() => process.exit(0));
    server.closeAllConnections();
  });
}

main().catch((err) => {
  process.stderr.write(`broker-main: cannot start: ${String(err)}\n`);
  process.exit(1);
});
