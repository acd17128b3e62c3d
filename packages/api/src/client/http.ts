import type { z } from 'zod';
import { DotsError, type DotsHttpMethod } from '../errors';
import { dotsErrorCode, dotsErrorMessage } from '../schemas/error';
import { FETCH_TIMEOUT_MS, isTimeoutError } from './fetch-timeout';
import { createRedactor, redactDeep } from './redact';
import { backoffDelay, isRetryableStatus, parseRetryAfter, sleep } from './retry';
import type { DotsLogger, DotsQuery, DotsRawRequestOptions } from './types';

/** Settings of a transport, resolved from the client options. */
export interface TransportConfig {
  baseUrl: string;
  clientId: string;
  apiKey: string;
  appId: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  fetch: typeof fetch;
  /** `fetch` honours `init[FETCH_TIMEOUT_MS]` (it is marked with {@link FETCH_TIMEOUT_MS}). */
  fetchEnforcesTimeout: boolean;
  strict: boolean;
  warn: (message: string) => void;
  logger: DotsLogger | undefined;
}

/** The low-level request function behind every client method. */
export type Transport = <T = unknown>(
  method: DotsHttpMethod,
  path: string,
  options?: DotsRawRequestOptions<T>,
) => Promise<T>;

type Attempt =
  | { kind: 'response'; response: Response; body: unknown }
  | { kind: 'timeout' }
  | { kind: 'network'; error: unknown };

function buildQuery(query: DotsQuery | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function summarizeIssues(issues: z.core.$ZodIssue[]): string {
  const shown = issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
  return issues.length > 5 ? `${shown}; … ${issues.length - 5} more` : shown;
}

/**
 * Creates the transport: auth headers, JSON, per-attempt timeouts combined with the
 * caller's signal, retries (GET, and POST with an `idempotency_key`), error mapping
 * and response validation. The API key lives only in this closure.
 */
export function createTransport(config: TransportConfig): Transport {
  const authorization = `Basic ${btoa(`${config.clientId}:${config.apiKey}`)}`;
  const redact = createRedactor([config.apiKey, authorization.slice('Basic '.length)]);

  async function attempt(
    url: string,
    init: RequestInit,
    timeoutMs: number,
    callerSignal: AbortSignal | undefined,
  ): Promise<Attempt> {
    if (config.fetchEnforcesTimeout && !callerSignal) {
      try {
        const timed = { ...init, [FETCH_TIMEOUT_MS]: timeoutMs } as RequestInit;
        const response = await config.fetch(url, timed);
        return { kind: 'response', response, body: parseBody(await response.text()) };
      } catch (error) {
        return isTimeoutError(error) ? { kind: 'timeout' } : { kind: 'network', error };
      }
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const response = await config.fetch(url, { ...init, signal: controller.signal });
      const body = parseBody(await response.text());
      return { kind: 'response', response, body };
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      if (timedOut) return { kind: 'timeout' };
      return { kind: 'network', error };
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return async function request<T>(
    method: DotsHttpMethod,
    path: string,
    options: DotsRawRequestOptions<T> = {},
  ): Promise<T> {
    if (!path.startsWith('/')) {
      throw new TypeError(
        `[dotskit] request path must start with "/", e.g. "/v2/flows" (got "${path}")`,
      );
    }
    const { signal, userIp, query, schema } = options;
    const timeoutMs = options.timeoutMs ?? config.timeoutMs;
    let body = options.body;
    if (options.idempotencyKey !== undefined && method === 'POST') {
      const base = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
      body = { ...base, idempotency_key: options.idempotencyKey };
    }
    const hasIdempotencyKey =
      body !== null &&
      typeof body === 'object' &&
      typeof (body as { idempotency_key?: unknown }).idempotency_key === 'string';
    const retryable = method === 'GET' || (method === 'POST' && hasIdempotencyKey);

    const headers: Record<string, string> = {
      Authorization: authorization,
      Accept: 'application/json',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (config.appId) headers['Api-App-Id'] = config.appId;
    if (userIp) headers['Dots-User-IP'] = userIp;
    const init: RequestInit = {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    };
    const url = `${config.baseUrl}${path}${buildQuery(query)}`;
    const context = { method, path };

    for (let retry = 0; ; retry++) {
      if (signal?.aborted) throw signal.reason;
      config.logger?.debug?.('dots request', { method, path, attempt: retry + 1 });
      const result = await attempt(url, init, timeoutMs, signal);
      const canRetry = retryable && retry < config.maxRetries;

      if (result.kind === 'response') {
        const { response } = result;
        if (response.ok) {
          config.logger?.debug?.('dots response', { method, path, status: response.status });
          if (!schema) return result.body as T;
          const parsed = schema.safeParse(result.body);
          if (parsed.success) return parsed.data;
          const message = `Response of ${method} ${path} did not match its schema: ${summarizeIssues(parsed.error.issues)}`;
          if (config.strict) {
            throw new DotsError({
              code: 'invalid_response',
              message: redact(message),
              details: {
                ...context,
                issues: parsed.error.issues,
                body: redactDeep(result.body, redact),
              },
            });
          }
          config.logger?.warn?.('dots response schema mismatch', { method, path });
          config.warn(`[dotskit] ${redact(message)}`);
          return result.body as T;
        }
        if (canRetry && isRetryableStatus(response.status)) {
          const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
          const delay = Math.min(
            config.retryMaxDelayMs,
            retryAfter ?? backoffDelay(retry, config.retryBaseDelayMs, config.retryMaxDelayMs),
          );
          config.logger?.warn?.('dots retry', {
            method,
            path,
            status: response.status,
            delayMs: delay,
          });
          await sleep(delay, signal);
          continue;
        }
        const errorBody = redactDeep(result.body, redact);
        const code = dotsErrorCode(errorBody);
        const detail = dotsErrorMessage(errorBody) ?? (response.statusText || 'request failed');
        throw new DotsError({
          code: 'dots_error',
          message: redact(
            `Dots API ${response.status}${code ? ` ${code}` : ''}: ${detail} (${method} ${path})`,
          ),
          status: response.status,
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
          details: {
            ...context,
            dotsCode: code,
            requestId:
              response.headers.get('x-request-id') ??
              response.headers.get('request-id') ??
              undefined,
            body: errorBody,
          },
        });
      }

      if (canRetry) {
        const delay = backoffDelay(retry, config.retryBaseDelayMs, config.retryMaxDelayMs);
        config.logger?.warn?.('dots retry', { method, path, reason: result.kind, delayMs: delay });
        await sleep(delay, signal);
        continue;
      }
      if (result.kind === 'timeout') {
        throw new DotsError({
          code: 'timeout',
          message: `Dots request timed out after ${timeoutMs} ms (${method} ${path})`,
          details: { ...context, timeoutMs },
        });
      }
      const reason = result.error instanceof Error ? result.error.message : String(result.error);
      throw new DotsError({
        code: 'network_error',
        message: redact(`Network error calling Dots: ${reason} (${method} ${path})`),
        cause: result.error,
        details: context,
      });
    }
  };
}
