import { createDotsClient, type DotsClient } from '@dotskit/api';
import { Router } from 'express';
import { type Authenticator, authenticate, createJwtAuthenticator, wrapAuthorize } from './auth';
import type { CommandContext } from './commands/context';
import { type BrokerServerApi, createServerApi } from './commands/server-api';
import { callDots } from './commands/upstream';
import type { BrokerDotsClient } from './dots-client';
import { BrokerError, createErrorMiddleware } from './errors';
import { createEventPublisher } from './events';
import { createSseHub } from './http/sse-hub';
import { cors, jsonBody } from './http-guards';
import { createIdempotency } from './idempotency';
import { createIdentity } from './identity/identity';
import { createBatchFollowUp } from './jobs/batch-job';
import { systemClock } from './jobs/clock';
import { webhookJobHandler } from './jobs/webhook-job';
import { createJobWorker } from './jobs/worker';
import { createKeepAliveFetch } from './keep-alive-fetch';
import { createBrokerLoggers, requestContext } from './logging';
import { createMetrics } from './metrics';
import { DEFAULT_DATABASE_URL, openStore } from './open-store';
import { isDotsClient, validateOptions } from './options';
import { createOwnerLookup } from './owner-cache';
import { brokerRateLimit } from './rate-limit';
import { eventsRoute } from './routes/events';
import { healthRoutes } from './routes/health';
import { resourceRoutes } from './routes/resources';
import { webhookRoute } from './routes/webhook-route';
import { DEFAULT_JOB_LEASE_MS } from './store/defaults';
import type { BrokerStore } from './store/ports';
import type { BrokerOptions } from './types';
import { createWebhookReceiver } from './webhooks/receive';

/** Paths of the browser-facing API (CORS, per-IP limit). */
const API_PATHS = ['/flows', '/payout-links', '/transfers', '/payout-batches', '/events'];
/** Paths of the service endpoints. */
const SERVICE_PATHS = ['/webhooks', '/healthz', '/readyz', '/metrics'];

/** What {@link createBroker} returns: an Express router plus the server-side API. */
export type Broker = Router &
  BrokerServerApi & {
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
  };

/**
 * Creates the Dots token broker: an Express `Router` (it never listens) to mount at any path,
 * carrying the server-side API (`broker.transfers.create(principal, body)`, …). Validates
 * `options` at once and throws a TypeError saying how to fix a bad one. The store is opened
 * and migrated in the background; requests wait for it (see `ready()`).
 */
export function createBroker(options: BrokerOptions): Broker {
  validateOptions(options);
  const secrets = isDotsClient(options.dots) ? [] : [options.dots.apiKey];
  if ('jwtSecret' in (options.auth ?? {}))
    secrets.push((options.auth as { jwtSecret: string }).jwtSecret);
  if (options.webhookSecret) secrets.push(options.webhookSecret);
  if (options.metricsToken) secrets.push(options.metricsToken);
  const { logger, requestLogger } = createBrokerLoggers(options.logger, secrets);
  const transport =
    !isDotsClient(options.dots) && !options.dots.fetch ? createKeepAliveFetch() : undefined;
  const client: DotsClient = isDotsClient(options.dots)
    ? (options.dots as unknown as DotsClient)
    : createDotsClient({
        ...options.dots,
        ...(transport ? { fetch: transport } : {}),
        // The client's lines never carry credentials; they go to the broker's logger.
        logger: {
          debug: (message, meta) => logger.debug(meta ?? {}, message),
          warn: (message, meta) => logger.warn(meta ?? {}, message),
        },
        onWarning: (message) => logger.warn(message),
      });
  if (!options.webhookSecret) {
    logger.warn(
      'webhooks are disabled: POST /webhooks answers 503 webhooks_disabled until `webhookSecret` (DOTS_WEBHOOK_SECRET) is set; status reaches browsers only by their polling',
    );
  }
  const metrics = createMetrics(options.metricsRegistry);
  const ownsStore = !options.store;
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
  /** What requests await: a store that cannot open is a 503, not a 500. */
  const storeReady = () =>
    ready().catch((err) => {
      throw Object.assign(
        new BrokerError('not_ready', `The ${store.kind} store is not available.`),
        { cause: err },
      );
    });

  const events = createEventPublisher(store);
  const identity = createIdentity({
    store,
    logger,
    metrics,
    onUserLinked: options.onUserLinked,
    onUserLinkConflict: options.onUserLinkConflict,
  });
  const owners = createOwnerLookup(store);
  const dots = client as unknown as BrokerDotsClient;
  const batchFollowUp = createBatchFollowUp({
    events,
    clock: systemClock,
    retrieve: (id) =>
      callDots(commands, 'payoutBatches.retrieve', () => dots.payoutBatches.retrieve(id)),
  });
  const runIdempotent = createIdempotency({
    store,
    ttlMs: options.idempotencyTtlMs ?? 24 * 3600 * 1000,
  });
  const commands: CommandContext = {
    client: dots,
    store,
    owners,
    metrics,
    runIdempotent,
    events,
    identity,
    async watchBatch(owner, batch) {
      const dueIn = await batchFollowUp.follow(store, owner, batch);
      if (dueIn !== undefined) worker.wake(dueIn);
    },
    ready: storeReady,
    browser: {
      flowDefaults: options.flowDefaults,
      payoutLinkDefaults: options.payoutLinkDefaults,
      maxPayoutCents: options.browserMaxPayoutCents,
    },
  };
  if (options.browserMaxPayoutCents === undefined)
    logger.info(
      'browser payout links need a `max_payout_cents` claim in each token (no `browserMaxPayoutCents` set); without one they are refused',
    );
  const hub = createSseHub(
    store,
    metrics,
    options.heartbeatMs ?? 15_000,
    options.maxStreamsPerPrincipal ?? 20,
  );
  const worker = createJobWorker({
    store,
    logger,
    metrics,
    ready: storeReady,
    leaseMs: options.webhookLeaseMs ?? DEFAULT_JOB_LEASE_MS,
    handlers: {
      webhook: webhookJobHandler({
        store,
        owners,
        events,
        identity,
        refresh: (name, id) =>
          callDots(commands, `${name}.retrieve`, () => dots[name].retrieve(id)),
      }),
      batch: batchFollowUp.handler,
    },
  });
  const webhooks = createWebhookReceiver({
    secret: options.webhookSecret,
    store,
    worker,
    metrics,
    ready: storeReady,
    leaseMs: options.webhookLeaseMs ?? DEFAULT_JOB_LEASE_MS,
  });
  const authenticator: Authenticator = options.authorize
    ? wrapAuthorize(options.authorize)
    : createJwtAuthenticator(options.auth as NonNullable<BrokerOptions['auth']>);

  const limits =
    options.rateLimit === false
      ? undefined
      : {
          windowMs: 60_000,
          perPrincipal: 300,
          perIp: 1_000,
          shared: store.kind === 'postgres',
          ...(options.rateLimit ?? {}),
        };
  const bodyLimit = options.bodyLimit ?? '32kb';
  const auth = [
    authenticate(authenticator),
    ...(limits ? [brokerRateLimit('principal', store, limits, storeReady)] : []),
  ];

  // One flat router: health and webhooks first (no CORS, no per-IP limit), then the API.
  // Middleware is bound to the broker's own paths, so that a broker mounted at `/` leaves the
  // host's other routes alone.
  const router = Router();
  router.use([...API_PATHS, ...SERVICE_PATHS], requestContext(requestLogger, metrics));
  healthRoutes(router, {
    store,
    metrics,
    ready,
    metricsRoute: options.metricsRoute ?? true,
    metricsToken: options.metricsToken,
  });
  webhookRoute(router, webhooks, {
    limit: bodyLimit === '32kb' ? '256kb' : bodyLimit,
    logger,
    metrics,
  });
  router.use(API_PATHS, cors(options.allowedOrigins ?? []));
  if (limits) router.use(API_PATHS, brokerRateLimit('ip', store, limits, storeReady));
  resourceRoutes(router, { commands, auth, json: jsonBody(bodyLimit) });
  eventsRoute(router, { hub, guards: auth, ready: storeReady });
  router.use([...API_PATHS, ...SERVICE_PATHS], createErrorMiddleware(logger));

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      hub.close();
      await worker.close().catch(() => undefined);
      await readyPromise?.catch(() => undefined);
      transport?.close();
      if (ownsStore) await store.close();
    })();
    return closing;
  };

  return Object.assign(router, createServerApi(commands), {
    client,
    store,
    ready,
    close,
    idle: worker.idle,
  });
}
