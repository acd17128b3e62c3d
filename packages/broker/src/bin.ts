#!/usr/bin/env node
import type { Server } from 'node:http';
import express from 'express';
import { ConfigError, describeDatabaseUrl, readBinConfig } from './bin-config';
import { createBinServer } from './bin-server';
import { createBroker } from './create-broker';

/** `dotskit-broker`: runs the broker standalone at `/`, configured from the environment. */
async function main(): Promise<void> {
  let config: ReturnType<typeof readBinConfig>;
  let broker: ReturnType<typeof createBroker>;
  try {
    config = readBinConfig(process.env);
    broker = createBroker(config.options);
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
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createBinServer(app, config.limits);
    s.once('error', reject);
    s.listen(config.port, '127.0.0.1', () => resolve(s));
  }).catch((err: Error): never => {
    process.stderr.write(`dotskit-broker: cannot listen on port ${config.port}: ${err.message}\n`);
    process.exit(1);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(
    `listening on http://127.0.0.1:${port}\nstore: ${describeDatabaseUrl(config.databaseUrl)}\n`,
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    await broker.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

void main();
