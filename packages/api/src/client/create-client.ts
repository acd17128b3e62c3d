import { resolveBaseUrl } from '../wire/environment';
import { enforcesTimeout } from './fetch-timeout';
import { createTransport } from './http';
import { createResources } from './resources';
import type { DotsClient, DotsClientOptions } from './types';

function positiveNumber(
  value: number | undefined,
  name: string,
  fallback: number,
  allowZero = false,
): number {
  if (value === undefined) return fallback;
  const ok = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok)
    throw new TypeError(
      `[dotskit] ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number.`,
    );
  return value;
}

function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

/**
 * Creates a typed Dots v2 client. Options are validated at once (misuse throws a
 * `TypeError` naming the fix, never echoing the key). Nothing is sent until a method
 * is called. Works wherever `fetch`, `btoa` and `crypto.randomUUID` exist (Node 20+,
 * browsers, edge runtimes). The API key is held in a closure: `JSON.stringify(client)`
 * and `util.inspect(client)` show only `{ baseUrl, appId }`.
 */
export function createDotsClient(options: DotsClientOptions): DotsClient {
  if (!options || typeof options !== 'object') {
    throw new TypeError('[dotskit] createDotsClient needs { clientId, apiKey, environment }.');
  }
  const { clientId, apiKey, appId } = options;
  if (typeof clientId !== 'string' || clientId.length === 0) {
    throw new TypeError('[dotskit] clientId is required (your Dots client id).');
  }
  if (typeof apiKey !== 'string' || apiKey.length === 0) {
    throw new TypeError('[dotskit] apiKey is required (your Dots API key; keep it on the server).');
  }
  if (!isLatin1(clientId) || !isLatin1(apiKey) || clientId.includes(':')) {
    throw new TypeError(
      '[dotskit] clientId and apiKey must be plain ASCII, and clientId must not contain ":".',
    );
  }
  if (appId !== undefined && (typeof appId !== 'string' || appId.length === 0)) {
    throw new TypeError('[dotskit] appId must be a non-empty string when given.');
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new TypeError(
      '[dotskit] No fetch available: pass options.fetch or use a runtime that has fetch.',
    );
  }
  const maxRetries = positiveNumber(options.maxRetries, 'maxRetries', 2, true);
  if (!Number.isInteger(maxRetries))
    throw new TypeError('[dotskit] maxRetries must be an integer.');
  const baseUrl = resolveBaseUrl(options.environment);
  const request = createTransport({
    baseUrl,
    clientId,
    apiKey,
    appId,
    timeoutMs: positiveNumber(options.timeoutMs, 'timeoutMs', 30_000),
    maxRetries,
    retryBaseDelayMs: positiveNumber(options.retryBaseDelayMs, 'retryBaseDelayMs', 500, true),
    retryMaxDelayMs: positiveNumber(options.retryMaxDelayMs, 'retryMaxDelayMs', 30_000, true),
    fetch: (input, init) => fetchImpl(input, init),
    fetchEnforcesTimeout: enforcesTimeout(fetchImpl),
    strict: options.strict ?? true,
    warn: options.onWarning ?? ((message) => console.warn(message)),
    logger: options.logger,
  });
  const safeView = () => ({ baseUrl, appId });
  const client: DotsClient = {
    ...createResources(request),
    request,
    baseUrl,
    toJSON: safeView,
  };
  Object.defineProperty(client, Symbol.for('nodejs.util.inspect.custom'), {
    value: () => `DotsClient ${JSON.stringify(safeView())}`,
    enumerable: false,
  });
  return Object.freeze(client);
}
