// @ts-check
/**
 * The demo marketplace's server: the Dots broker at `/dots`, the host's own API at `/api`,
 * and the built front end for everything else. Returns an Express app; it never listens
 * (see `start.mjs` and the e2e tests for that).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BrokerError, createBroker } from '@dotskit/broker';
import express from 'express';
import pino from 'pino';
import { createHostApi } from './host-api.mjs';
import { createHostRecords } from './sellers.mjs';
import { createSessions, DEMO_MAX_PAYOUT_CENTS, DEMO_SCOPES } from './session.mjs';

/**
 * @typedef {{
 *   dots: { clientId: string, apiKey: string, baseUrl: string },
 *   jwtSecret: string,
 *   webhookSecret: string,
 *   databaseUrl: string,
 *   allowedOrigins: string[],
 *   flowOrigins?: string[],
 *   staticDir?: string,
 *   logLevel?: string,
 * }} DemoAppOptions
 */

/**
 * Builds the principal the broker's server-side calls act for: the same claims as the
 * seller's browser token, so whatever the host creates shows in the seller's widgets.
 * @param {string} sellerId
 * @param {string | undefined} dotsUserId
 */
function principalFor(sellerId, dotsUserId) {
  return {
    sub: sellerId,
    ...(dotsUserId ? { dotsUserId } : {}),
    scopes: DEMO_SCOPES.split(' '),
    maxPayoutCents: DEMO_MAX_PAYOUT_CENTS,
  };
}

/**
 * Creates the demo app.
 * @param {DemoAppOptions} options
 */
export function createDemoApp(options) {
  const records = createHostRecords();
  const sessions = createSessions();
  const broker = createBroker({
    dots: {
      clientId: options.dots.clientId,
      apiKey: options.dots.apiKey,
      environment: { baseUrl: options.dots.baseUrl },
    },
    auth: { jwtSecret: options.jwtSecret },
    databaseUrl: options.databaseUrl,
    webhookSecret: options.webhookSecret,
    allowedOrigins: options.allowedOrigins,
    // Request logs would bury the one URL to open: warnings and errors only by default.
    logger: pino({ level: options.logLevel ?? 'warn' }),
    // Scenario 1: the flow gained a Dots user; the host remembers it for its seller.
    onUserLinked: (principal, dotsUserId) => {
      records.linkDotsUser(principal.sub, dotsUserId);
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.use('/dots', broker);
  app.use(
    '/api',
    createHostApi({
      records,
      sessions,
      jwtSecret: new TextEncoder().encode(options.jwtSecret),
      flowOrigins: options.flowOrigins ?? [],
      money: {
        createTransfer: (sellerId, body) =>
          broker.transfers.create(principalFor(sellerId, records.dotsUserId(sellerId)), body),
        retrievePayoutLink: (sellerId, id) =>
          broker.payoutLinks.retrieve(principalFor(sellerId, records.dotsUserId(sellerId)), id),
        createPayoutBatch: (sellerId, body) =>
          broker.payoutBatches.create(principalFor(sellerId, records.dotsUserId(sellerId)), body),
      },
    }),
  );

  const staticDir = options.staticDir;
  if (staticDir && existsSync(path.join(staticDir, 'index.html'))) {
    app.use(express.static(staticDir, { index: 'index.html' }));
    // Client-side routes all serve the app shell.
    app.get(/^\/(?!api\/|dots\/).*/, (_req, res) => {
      res.sendFile(path.join(staticDir, 'index.html'));
    });
  } else {
    app.get('/', (_req, res) => {
      res
        .type('text')
        .send('The demo front end is not built yet: run `pnpm --filter @dotskit/demo build`.');
    });
  }

  /**
   * Host API errors, in the broker's shape. A BrokerError carries its status and stable code.
   * @param {any} error @param {import('express').Request} _req
   * @param {import('express').Response} res @param {import('express').NextFunction} _next
   */
  function onError(error, _req, res, _next) {
    if (error instanceof BrokerError) {
      res.status(error.status).json(error.toJSON());
      return;
    }
    const status = Number(error?.status ?? error?.statusCode) || 500;
    if (status >= 500) console.error(`[demo] ${error instanceof Error ? error.message : error}`);
    res.status(status).json({
      error: {
        code: status >= 500 ? 'internal' : 'invalid-input',
        message: status >= 500 ? 'Internal error' : String(error?.message ?? 'Bad request'),
      },
    });
  }
  app.use(onError);

  return { app, broker, records };
}
