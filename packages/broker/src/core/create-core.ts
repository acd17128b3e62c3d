import type { DotsClient } from '@dotskit/api';
import type { Logger } from 'pino';
import { type Authenticator, createJwtAuthenticator, wrapAuthorize } from '../auth/authenticate';
import type { CommandContext } from '../commands/context';
import { type BrokerServerApi, createServerApi } from '../commands/server-api';
import { callDots } from '../commands/upstream';
import { BrokerError } from '../errors';
import { createEventPublisher } from '../events';
import { sizeInBytes } from '../http/fetch/body';
import type { ResolvedRateLimit } from '../http/rate-limit';
import { createSseHub, type SseHub } from '../http/sse-hub';
import { createIdempotency } from '../idempotency';
import { createIdentity } from '../identity/identity';
import { createBatchFollowUp } from '../jobs/batch-job';
import { systemClock } from '../jobs/clock';
import { webhookJobHandler } from '../jobs/webhook-job';
import { createJobWorker } from '../jobs/worker';
import { createBrokerLoggers } from '../observe/logging';
import { type BrokerMetrics, createMetrics } from '../observe/metrics';
import { DEFAULT_DATABASE_URL, openStore } from '../open-store';
import { isDotsClient, validateOptions } from '../options';
import { createOwnerLookup } from '../owner-cache';
import { DEFAULT_JOB_LEASE_MS } from '../store/defaults';
import type { BrokerStore } from '../store/ports';
import type { BrokerAuthConfig, BrokerCoreOptions } from '../types';
import { createWebhookReceiver, type WebhookReceiver } from '../webhooks/receive';
import { createBrokerDots } from './dots';

/** What every adapter's broker carries besides its HTTP entry and the server-side API. */
export interface BrokerRuntime {
  /** The Dots client the broker calls (holds the key; keep it on the server). */
  client: DotsClient;
  /** The broker's store. */
  store: BrokerStore;
  /** Resolves once the store is migrated and the broker can serve; rejects if the store cannot open. */
  ready(): Promise<void>;
  /** Ends SSE streams, stops the job worker (running jobs finish), closes the store if the broker opened it. */
  close(): Promise<void>;
  /** Resolves when no job runs here and none is due within 10 s (tests and graceful shutdown). */
  idle(): Promise<void>;
}

/** Everything an HTTP adapter serves from: built once per broker, framework-free. */
export interface BrokerCore {
  logger: Logger;
  /** The logger of per-request lines. */
  requestLogger: Logger;
  metrics: BrokerMetrics;
  store: BrokerStore;
  client: DotsClient;
  commands: CommandContext;
  serverApi: BrokerServerApi;
  hub: SseHub;
  receiveWebhook: WebhookReceiver;
  authenticate: Authenticator;
  /** Resolved rate limits; `undefined` when disabled. */
  limits: ResolvedRateLimit | undefined;
  /** Body size limits in bytes: API JSON bodies (`bodyLimit`) and webhooks (`webhookBodyLimit`). */
  bodyLimits: { json: number; webhook: number };
  /** Resolves once the store is migrated; rejects (and is retried next time) while it cannot open. */
  ready(): Promise<void>;
  /** `ready()`, with a store that cannot open as a 503 `not_ready` BrokerError. */
  storeReady(): Promise<void>;
  /** Resolves when no job runs here and none is due within 10 s. */
  idle(): Promise<void>;
  /** Ends SSE streams, stops the worker (running jobs finish), closes the store if the broker opened it. */
  close(): Promise<void>;
}

/** The secrets the broker's loggers redact, wherever they appear. */
function secretsOf(options: BrokerCoreOptions): string[] {
  const secrets = isDotsClient(options.dots) ? [] : [options.dots.apiKey];
  if (options.auth && 'jwtSecret' in options.auth) secrets.push(options.auth.jwtSecret);
  for (const secret of [options.webhookSecret, options.metricsToken])
    if (secret) secrets.push(secret);
  return secrets;
}

/**
 * Builds the broker's core from validated options (a bad option throws a TypeError saying
 * how to fix it): store (opened and migrated in the background), Dots client, commands,
 * job worker, SSE hub, webhook receiver and authenticator.
 */
export function createBrokerCore(options: BrokerCoreOptions): BrokerCore {
  validateOptions(options);
  // Parsed once, before anything starts, for both adapters and the parsers under them.
  const bodyLimits = {
    json: sizeInBytes(options.bodyLimit ?? '32kb', 'bodyLimit'),
    webhook: sizeInBytes(options.webhookBodyLimit ?? '256kb', 'webhookBodyLimit'),
  };
  const loggers = createBrokerLoggers(options.logger, secretsOf(options));
  const { logger, requestLogger } = loggers;
  const dots = createBrokerDots(options.dots, logger);
  if (!options.webhookSecret) {
    logger.warn(
      'webhooks are disabled: POST /webhooks answers 503 webhooks_disabled until `webhookSecret` (DOTS_WEBHOOK_SECRET) is set; status reaches browsers only by their polling',
    );
  }
  if (options.browserMaxPayoutCents === undefined)
    logger.info(
      'browser payout links need a `max_payout_cents` claim in each token (no `browserMaxPayoutCents` set); without one they are refused',
    );
  const metrics = createMetrics(options.metricsRegistry);
  const store = options.store ?? openStore(options.databaseUrl ?? DEFAULT_DATABASE_URL);

  let readyPromise: Promise<void> | undefined;
  const ready = () => {
    // A failed init is forgotten, so that the next request tries again (the database may come back).
    readyPromise ??= store.init().catch((err) => {
      readyPromise = undefined;
      throw err;
    });
    return readyPromise;
  };
  ready().catch((err) => logger.error({ err }, 'store failed to initialise'));
  const storeReady = () =>
    ready().catch((err) => {
      throw new BrokerError({
        code: 'not_ready',
        message: `The ${store.kind} store is not available.`,
        cause: err,
      });
    });

  const client = dots.client;
  const events = createEventPublisher(store);
  const identity = createIdentity({
    store,
    logger,
    metrics,
    onUserLinked: options.onUserLinked,
    onUserLinkConflict: options.onUserLinkConflict,
  });
  const owners = createOwnerLookup(store);
  const upstream = { metrics };
  const batchFollowUp = createBatchFollowUp({
    events,
    clock: systemClock,
    retrieve: (id) =>
      callDots(upstream, 'payoutBatches.retrieve', () => client.payoutBatches.retrieve(id)),
  });
  const leaseMs = options.webhookLeaseMs ?? DEFAULT_JOB_LEASE_MS;
  const worker = createJobWorker({
    store,
    logger,
    metrics,
    ready: storeReady,
    leaseMs,
    handlers: {
      webhook: webhookJobHandler({
        store,
        owners,
        events,
        identity,
        refresh: (name, id) =>
          callDots(upstream, `${name}.retrieve`, () => client[name].retrieve(id)),
      }),
      batch: batchFollowUp.handler,
    },
  });
  const commands: CommandContext = {
    client,
    store,
    owners,
    metrics,
    runIdempotent: createIdempotency({ store, ttlMs: options.idempotencyTtlMs ?? 86_400_000 }),
    events,
    identity,
    async watchBatch(owner, batch) {
      const dueIn = await batchFollowUp.follow(store, owner, batch);
      if (dueIn !== undefined) worker.wake(dueIn);
    },
    ready: storeReady,
    linkFromOwnFlows: !options.webhookSecret,
    browser: {
      flowDefaults: options.flowDefaults,
      payoutLinkDefaults: options.payoutLinkDefaults,
      maxPayoutCents: options.browserMaxPayoutCents,
    },
  };
  const hub = createSseHub(
    store,
    metrics,
    options.heartbeatMs ?? 15_000,
    options.maxStreamsPerPrincipal ?? 20,
  );

  let closing: Promise<void> | undefined;
  return {
    logger,
    requestLogger,
    metrics,
    store,
    client,
    commands,
    serverApi: createServerApi(commands),
    hub,
    receiveWebhook: createWebhookReceiver({
      secret: options.webhookSecret,
      store,
      worker,
      metrics,
      ready: storeReady,
      leaseMs,
    }),
    authenticate: options.authorize
      ? wrapAuthorize(options.authorize)
      : createJwtAuthenticator(options.auth as BrokerAuthConfig),
    limits:
      options.rateLimit === false
        ? undefined
        : {
            windowMs: 60_000,
            perPrincipal: 300,
            perIp: 1_000,
            shared: store.kind === 'postgres',
            ...(options.rateLimit ?? {}),
          },
    bodyLimits,
    ready,
    storeReady,
    idle: worker.idle,
    close() {
      closing ??= (async () => {
        try {
          hub.close();
          await worker.close().catch(() => undefined);
          await readyPromise?.catch(() => undefined);
          dots.close();
          if (!options.store) await store.close();
        } finally {
          loggers.close();
        }
      })();
      return closing;
    },
  };
}
