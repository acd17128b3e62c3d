import { createDotsClient, type DotsClient } from '@dotskit/api';
import { Router } from 'express';
import { type Authenticator, authenticate, createJwtAuthenticator, wrapAuthorize } from './auth';
import { createBatchWatcher } from './batch-watcher';
import type { BrokerDotsClient, DotsResource } from './dots-client';
import { BrokerError, createErrorMiddleware } from './errors';
import { cors, jsonBody } from './http-guards';
import { createIdempotency } from './idempotency';
import { createKeepAliveFetch } from './keep-alive-fetch';
import { createBrokerLoggers, requestContext } from './logging';
import { createMetrics } from './metrics';
import { DEFAULT_DATABASE_URL, openStore } from './open-store';
import { createOperations } from './operations';
import { isDotsClient, validateOptions } from './options';
import { createOwnerLookup } from './owner-cache';
import { createPublisher } from './publisher';
import { ipRateLimit, principalRateLimit } from './rate-limit';
import { eventsRoute } from './routes/events';
import { healthRoutes } from './routes/health';
import { resourceRoutes } from './routes/resources';
import { webhookRoute } from './routes/webhook-route';
import { type BrokerServerApi, createServerApi } from './server-api';
import { createSseHub } from './sse-hub';
import type { BrokerStore } from './store/types';
import type { BrokerOptions } from './types';
import { createWebhookReceiver } from './webhooks';

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
    /** Ends SSE streams, stops timers, waits for webhook processing, closes the store if the broker opened it. */
    close(): Promise<void>;
    /** Resolves when accepted webhooks have all been processed (tests and graceful shutdown). */
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

  const publisher = createPublisher(store, logger, options.onUserLinked);
  const owners = createOwnerLookup(store);
  const dots = client as unknown as BrokerDotsClient;
  const batches = createBatchWatcher({
    store,
    ready: storeReady,
    retrieve: async (id) =>
      (await metrics.timeUpstream('payoutBatches.retrieve', () =>
        dots.payoutBatches.retrieve(id),
      )) as DotsResource,
    publisher,
    logger,
  });
  const runIdempotent = createIdempotency({
    store,
    ttlMs: options.idempotencyTtlMs ?? 24 * 3600 * 1000,
  });
  const ops = createOperations({
    client: dots,
    store,
    owners,
    metrics,
    runIdempotent,
    publisher,
    watchBatch: (owner, batch) => batches.watch(owner, batch),
    ready: storeReady,
  });
  const hub = createSseHub(
    store,
    metrics,
    options.heartbeatMs ?? 15_000,
    options.maxStreamsPerPrincipal ?? 20,
  );
  const webhooks = createWebhookReceiver({
    secret: options.webhookSecret,
    store,
    owners,
    publisher,
    metrics,
    logger,
    refresh: async (name, id) => ops.call(`${name}.retrieve`, () => dots[name].retrieve(id)),
    ready: storeReady,
    leaseMs: options.webhookLeaseMs,
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
    ...(limits ? [principalRateLimit(store, limits, storeReady)] : []),
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
  webhookRoute(router, webhooks.handler, {
    limit: bodyLimit === '32kb' ? '256kb' : bodyLimit,
    logger,
    metrics,
  });
  router.use(API_PATHS, cors(options.allowedOrigins ?? []));
  if (limits) router.use(API_PATHS, ipRateLimit(store, limits, storeReady));
  resourceRoutes(router, {
    ops,
    store,
    publisher,
    auth,
    json: jsonBody(bodyLimit),
    flowDefaults: options.flowDefaults,
    payoutLinkDefaults: options.payoutLinkDefaults,
  });
  eventsRoute(router, { hub, guards: auth, ready: storeReady });
  router.use([...API_PATHS, ...SERVICE_PATHS], createErrorMiddleware(logger));

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      hub.close();
      await batches.close();
      await webhooks.close().catch(() => undefined);
      await readyPromise?.catch(() => undefined);
      transport?.close();
      if (ownsStore) await store.close();
    })();
    return closing;
  };

  return Object.assign(router, createServerApi(ops, store), {
    client,
    store,
    ready,
    close,
    idle: webhooks.idle,
  });
}
