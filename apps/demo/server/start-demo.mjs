// @ts-check
/**
 * Starts the whole demo in one process: the offline Dots sandbox (unless real Dots
 * credentials are configured) with its webhooks pointed at the demo's broker, and the
 * demo server. Used by `start.mjs` and by the end-to-end tests (with ports 0).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveBaseUrl } from '@dotskit/api/wire';
import { startSandbox } from '@dotskit/sandbox';
import { createDemoApp } from './create-demo-app.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where `vite build` puts the front end. */
export const DEFAULT_STATIC_DIR = path.resolve(here, '../dist');

/**
 * @param {http.Server} server
 * @param {number} port
 * @param {string} host
 * @returns {Promise<number>}
 */
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * Ensures the directory of a `sqlite:` database exists.
 * @param {string} databaseUrl
 */
function prepareDatabase(databaseUrl) {
  if (!databaseUrl.startsWith('sqlite:')) return;
  const file = databaseUrl.slice('sqlite:'.length);
  if (file && file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

/**
 * @param {ReturnType<typeof import('./config.mjs').readConfig> & { staticDir?: string }} config
 * @returns {Promise<{ url: string, sandboxUrl: string | null, close: () => Promise<void> }>}
 */
export async function startDemo(config) {
  prepareDatabase(config.databaseUrl);
  // Listen first so that the sandbox can be told where to send webhooks, even on port 0.
  const server = http.createServer();
  const port = await listen(server, config.port, config.host);
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;

  /** @type {{ url: string, close: () => Promise<void> } | null} */
  let sandbox = null;
  let dots = config.dots;
  try {
    if (!dots) {
      const clientId = 'dotskit-demo';
      const apiKey = `sk_sandbox_${randomBytes(18).toString('base64url')}`;
      sandbox = await startSandbox({
        port: config.sandboxPort,
        clientId,
        apiKey,
        enableControls: true,
        webhooks: [{ url: `${url}/dots/webhooks`, secret: config.webhookSecret }],
      });
      dots = { clientId, apiKey, baseUrl: `${sandbox.url.replace(/\/$/, '')}/api` };
    }
    const { app, broker } = createDemoApp({
      dots,
      jwtSecret: config.jwtSecret,
      webhookSecret: config.webhookSecret,
      databaseUrl: config.databaseUrl,
      allowedOrigins: [url, `http://localhost:${port}`],
      // The widgets frame only Dots' own flow hosts and origins listed here: the offline
      // sandbox's, or a custom Dots base URL's (a sandbox bin elsewhere).
      flowOrigins: sandbox
        ? [new URL(sandbox.url).origin]
        : [resolveBaseUrl('sandbox'), resolveBaseUrl('production')].includes(dots.baseUrl)
          ? []
          : [new URL(dots.baseUrl).origin],
      staticDir: config.staticDir ?? DEFAULT_STATIC_DIR,
      logLevel: process.env.LOG_LEVEL || 'warn',
    });
    server.on('request', app);

    let closing = null;
    const close = () => {
      closing ??= (async () => {
        await new Promise((resolve) => {
          server.close(() => resolve(undefined));
          // SSE streams never end by themselves.
          server.closeAllConnections();
        });
        const closable = /** @type {{ close?: () => unknown }} */ (/** @type {unknown} */ (broker));
        if (typeof closable.close === 'function') await closable.close();
        if (sandbox) await sandbox.close();
      })();
      return closing;
    };
    return { url, sandboxUrl: sandbox?.url ?? null, close };
  } catch (error) {
    server.close();
    if (sandbox) await sandbox.close();
    throw error;
  }
}
