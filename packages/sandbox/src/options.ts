import type { WebhookRetryOptions } from './webhooks/dispatcher';

/** Options of `createSandbox` / `startSandbox`. Every option is optional. */
export interface SandboxOptions {
  /** Basic-auth user name (Dots client id) the API accepts. Default `sandbox_client_id`. */
  clientId?: string;
  /** Basic-auth password (Dots API key) the API accepts. Default `sandbox_api_key`. */
  apiKey?: string;
  /** Mounts the `/_sandbox/` test controls. Default `false`. */
  enableControls?: boolean;
  /** Origin used in flow and payout links (e.g. `https://sandbox.example.test`). Default: the request's own origin. */
  publicUrl?: string;
  /** Webhook endpoints registered at start-up; a secret is generated when none is given. Default none. */
  webhooks?: { url: string; secret?: string }[];
  /** Port `startSandbox` listens on (127.0.0.1). Default `0` (any free port). */
  port?: number;
  /** Host `startSandbox` binds. Default `127.0.0.1`. */
  host?: string;
  /** Base clock in epoch ms; the emulated clock adds `/_sandbox/clock/advance` offsets to it. Default `Date.now`. */
  now?: () => number;
  /** Webhook retry delays (emulated ms) and per-attempt timeout. Default `[1000, 5000, 30000, 300000]`, 15 s. */
  webhookRetry?: WebhookRetryOptions;
  /** Emulated delays of simulated progress (transfer settling, batch stages, link delivery). Defaults 50/40/20 ms. */
  timings?: { transferSettleMs?: number; batchStepMs?: number; deliveryMs?: number };
}

/** Default Basic-auth client id. */
export const DEFAULT_CLIENT_ID = 'sandbox_client_id';
/** Default Basic-auth API key. */
export const DEFAULT_API_KEY = 'sandbox_api_key';

/** Validates options at creation time: bad config throws a `[dotskit]` TypeError naming the fix. */
export function checkOptions(options: SandboxOptions): void {
  for (const key of ['clientId', 'apiKey'] as const) {
    const v = options[key];
    if (
      v !== undefined &&
      (typeof v !== 'string' || v.length === 0 || (v.includes(':') && key === 'clientId'))
    ) {
      throw new TypeError(
        `[dotskit] ${key} must be a non-empty string${key === 'clientId' ? ' without ":"' : ''}.`,
      );
    }
  }
  if (options.publicUrl !== undefined) {
    const protocol = URL.canParse(options.publicUrl) ? new URL(options.publicUrl).protocol : '';
    if (protocol !== 'http:' && protocol !== 'https:')
      throw new TypeError('[dotskit] publicUrl must be an absolute http(s) URL.');
  }
  if (
    options.port !== undefined &&
    (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
  ) {
    throw new TypeError(`[dotskit] port must be an integer from 0 to 65535, got ${options.port}.`);
  }
}
