import type { BrokerProcess } from './broker-process';
import type { OwnPostgres } from './postgres';
import type { SandboxHandle } from './sandbox';
import type { DroppingProxy } from './tcp-proxy';
import type { RelayMode, WebhookRelay } from './webhook-relay';

/** Waits in real time: faults run while real traffic flows. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** What a scenario's fault injection can reach. */
export interface Ctx {
  sandbox: SandboxHandle;
  broker: BrokerProcess;
  relay: WebhookRelay;
  proxy: DroppingProxy;
  pg: OwnPostgres | undefined;
}

/** One fault, the store it runs against and the webhook relay mode. */
export interface Scenario {
  fault: string;
  store: 'sqlite' | 'postgres';
  relay?: RelayMode;
  /** Runs the fault while traffic flows; traffic stops when it resolves. */
  inject(ctx: Ctx): Promise<void>;
}

/** Sets the sandbox's fault switches (`{}` clears them). */
export const faults = (ctx: Ctx, body: Record<string, unknown>) =>
  ctx.sandbox.control('PUT', '/_sandbox/faults', body);

/**
 * The fault table, in the order the suite runs it: each row injects its fault while the
 * workload runs, then the suite checks that nothing was lost or paid twice.
 */
export const scenarios: Scenario[] = [
  { fault: 'none (baseline)', store: 'sqlite', inject: () => sleep(3000) },
  {
    fault: 'upstream latency spikes (1.5 s, twice)',
    store: 'sqlite',
    async inject(ctx) {
      for (let i = 0; i < 2; i++) {
        await sleep(600);
        await faults(ctx, { latency_ms: 1500 });
        await sleep(1200);
        await faults(ctx, {});
      }
      await sleep(400);
    },
  },
  {
    fault: 'upstream 5xx burst (60% 503, 2 s)',
    store: 'sqlite',
    async inject(ctx) {
      await sleep(800);
      await faults(ctx, { error_rate: 0.6, error_status: 503 });
      await sleep(1500);
      await faults(ctx, { error_rate: 0.3, error_status: 500 });
      await sleep(1000);
      await faults(ctx, {});
      await sleep(600);
    },
  },
  {
    // Creation (POST /v2/flows) still works; the broker's refresh of a flow after its
    // webhook (GET /v2/flows/:id) fails: the webhook is acknowledged while Dots is unreadable.
    fault: 'upstream reads failing (100% 503 on GET /v2/flows/:id, 2.5 s)',
    store: 'sqlite',
    async inject(ctx) {
      await sleep(600);
      await faults(ctx, { error_rate: 1, error_status: 503, path_prefix: '/api/v2/flows/' });
      await sleep(2500);
      await faults(ctx, {});
      await sleep(600);
    },
  },
  {
    fault: 'upstream 429 burst (70%, 2 s)',
    store: 'sqlite',
    async inject(ctx) {
      await sleep(800);
      await faults(ctx, { error_rate: 0.7, error_status: 429 });
      await sleep(2000);
      await faults(ctx, {});
      await sleep(600);
    },
  },
  {
    fault: 'dropped upstream connections (RST, 30%, 3 s)',
    store: 'sqlite',
    async inject(ctx) {
      await sleep(600);
      ctx.proxy.dropRate = 0.3;
      await sleep(2500);
      ctx.proxy.dropRate = 0;
      await sleep(600);
    },
  },
  ...(['sqlite', 'postgres'] as const).map(
    (store): Scenario => ({
      fault: 'broker SIGKILLed mid-traffic and restarted, ×2',
      store,
      async inject(ctx) {
        for (let i = 0; i < 2; i++) {
          await sleep(1200);
          await ctx.broker.kill('SIGKILL');
          await sleep(200);
          await ctx.broker.start();
        }
        await sleep(800);
      },
    }),
  ),
  {
    fault: 'PostgreSQL restarted under the broker',
    store: 'postgres',
    async inject(ctx) {
      await sleep(1200);
      await ctx.pg?.restart();
      await sleep(1500);
    },
  },
  {
    fault: 'webhooks duplicated (×3 copies)',
    store: 'sqlite',
    relay: { duplicates: 2 },
    inject: () => sleep(3000),
  },
  {
    fault: 'webhooks reordered (0-600 ms jitter)',
    store: 'sqlite',
    relay: { jitterMs: 600, duplicates: 1 },
    inject: () => sleep(3000),
  },
  {
    fault: 'webhooks delayed (2 s)',
    store: 'sqlite',
    relay: { delayMs: 2000 },
    inject: () => sleep(3000),
  },
];
