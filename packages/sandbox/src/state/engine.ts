import { createClock, type SandboxClock } from '../clock';
import {
  createDispatcher,
  type WebhookDispatcher,
  type WebhookEndpoint,
  type WebhookRetryOptions,
} from '../webhooks/dispatcher';
import type { SandboxEventType } from '../webhooks/events';
import { newId } from './ids';
import { clearStore, createStore, type SandboxStore } from './store';
import type { AppRecord } from './types';

/** Pre-funded balance of every new app wallet: $100. */
export const INITIAL_WALLET_CENTS = 10_000;

/** Timings of simulated progress, in emulated ms. */
export interface SandboxTimings {
  /** Delay before a pending transfer or payout completes. Default 50. */
  transferSettleMs: number;
  /** Delay between payout-batch stages and item chunks. Default 40. */
  batchStepMs: number;
  /** Delay before an sms/email payout link counts as sent. Default 20. */
  deliveryMs: number;
}

/** Settings the engine needs (resolved from the public options). */
export interface EngineConfig {
  now?: () => number;
  webhookRetry?: WebhookRetryOptions;
  webhooks?: { url: string; secret?: string }[];
  publicUrl?: string;
  timings?: Partial<SandboxTimings>;
}

/**
 * The sandbox's state and machinery, shared by the REST routes, hosted pages and controls.
 * Created once per `createSandbox`; `reset()` empties it and re-registers the configured
 * webhook endpoints with their original secrets.
 */
export interface SandboxEngine {
  readonly clock: SandboxClock;
  readonly store: SandboxStore;
  readonly webhooks: WebhookDispatcher;
  readonly timings: SandboxTimings;
  /** Id of the organisation the configured credentials act as; every app belongs to it. */
  readonly organizationId: string;
  /** Id of the app the configured credentials act on (its wallet is pre-funded). */
  defaultAppId: string;
  /** Origin used in links when no request is at hand (publicUrl, else the last request's). */
  origin: string;
  /** True when the origin is fixed (`publicUrl`, or the listening URL of `startSandbox`). */
  fixedOrigin: boolean;
  emit(type: SandboxEventType, data: Record<string, unknown>): void;
  createApp(name: string, metadata?: AppRecord['metadata']): AppRecord;
  reset(): void;
}

/** Creates an engine with a fresh store, clock and webhook dispatcher. */
export function createEngine(config: EngineConfig = {}): SandboxEngine {
  const clock = createClock(config.now);
  const store = createStore();
  const webhooks = createDispatcher(clock, config.webhookRetry);
  const configured: WebhookEndpoint[] = (config.webhooks ?? []).map((w) =>
    webhooks.addEndpoint(w.url, w.secret),
  );
  const publicUrl = config.publicUrl?.replace(/\/+$/, '');

  const engine: SandboxEngine = {
    clock,
    store,
    webhooks,
    timings: { transferSettleMs: 50, batchStepMs: 40, deliveryMs: 20, ...config.timings },
    organizationId: newId(),
    defaultAppId: '',
    origin: publicUrl ?? 'http://127.0.0.1:4010',
    fixedOrigin: publicUrl !== undefined,
    emit(type, data) {
      webhooks.emit(type, data);
    },
    createApp(name, metadata = null) {
      const app: AppRecord = {
        id: newId(),
        organization_id: engine.organizationId,
        created: clock.now(),
        name,
        status: 'approved',
        metadata,
        wallet: INITIAL_WALLET_CENTS,
        money_out: 0,
      };
      store.apps.set(app.id, app);
      return app;
    },
    reset() {
      clock.clear();
      clearStore(store);
      webhooks.reset(configured);
      engine.defaultAppId = engine.createApp('Sandbox App').id;
    },
  };
  engine.defaultAppId = engine.createApp('Sandbox App').id;
  return engine;
}
