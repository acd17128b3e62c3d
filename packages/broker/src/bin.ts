#!/usr/bin/env node
import type { Server } from 'node:http';
import express from 'express';
import { Registry } from 'prom-client';
import { ConfigError, describeDatabaseUrl, readBinConfig } from './bin-config';
import { createBinServer, createMetricsApp, type ServerLimits } from './bin-server';
import { createBroker } from './create-broker';

/** Listens on 127.0.0.1:`port` with the bin's limits; exits 1 with one line if it cannot. */
async function listen(
  app: express.Express,
  port: number,
  limits: ServerLimits,
): Promise<{ server: Server; port: number }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createBinServer(app, limits);
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  }).catch((err: Error): never => {
    process.stderr.write(`dotskit-broker: cannot listen on port ${port}: ${err.message}\n`);
    process.exit(1);
  });
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : port };
}

/** `dotskit-broker`: runs the broker standalone at `/`, configured from the environment. */
async function main(): Promise<void> {
  let config: ReturnType<typeof readBinConfig>;
  let broker: ReturnType<typeof createBroker>;
  let metricsRegistry: Registry | undefined;
  try {
    config = readBinConfig(process.env);
    // With METRICS_PORT, the metrics are served on their own listener, not by the router.
    if (config.metricsPort !== undefined) metricsRegistry = new Registry();
    broker = createBroker({
      ...config.options,
      ...(metricsRegistry ? { metricsRegistry, metricsRoute: false } : {}),
    });
    await broker.ready();
  } catch (err) {
    const message =
      err instanceof Error ? err.message.replace(/^@dotskit\/broker: /, '') : String(err);
    process.stderr.write(
      `dotskit-broker: ${err instanceof ConfigError ? message : `cannot start: ${message}`}\n`,
    );
    process.exit(1);
  }
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use('/', broker);
  app.use((req, res) => {
    res
      .status(404)
      .json({ error: { code: 'not_found', message: `No route for ${req.method} ${req.path}.` } });
  });
  const api = await listen(app, config.port, config.limits);
  process.stdout.write(
    `listening on http://127.0.0.1:${api.port}\nstore: ${describeDatabaseUrl(config.databaseUrl)}\n`,
  );
  const metrics =
    metricsRegistry && config.metricsPort !== undefined
      ? await listen(
          createMetricsApp(metricsRegistry, config.options.metricsToken),
          config.metricsPort,
          config.limits,
        )
      : undefined;
  if (metrics) process.stdout.write(`metrics on http://127.0.0.1:${metrics.port}/metrics\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    api.server.close();
    metrics?.server.close();
    await broker.close();
    api.server.closeAllConnections();
    metrics?.server.closeAllConnections();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

void main();
