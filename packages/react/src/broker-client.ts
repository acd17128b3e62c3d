import { DotsWidgetError, toWidgetError, widgetError } from './errors';
import { sharePending } from './util';

/** How the widget reaches the host's broker. */
export interface BrokerConfig {
  /** Base URL of the broker router, e.g. `/dots` or `https://api.example.com/dots`. */
  url: string;
  /**
   * Returns the host's JWT for the signed-in user (sync or async). The widget keeps a JWT
   * until 30 s before its `exp` (read from the payload, not verified) and shares one call
   * among concurrent requests; a token without a readable `exp` is asked for per request.
   * After a 401 it is called with `{ refresh: true }`, once, before retrying. Passing a
   * new `getToken` function drops the kept token.
   */
  getToken: (ctx: { refresh: boolean }) => string | Promise<string>;
  /** `fetch` to use (e.g. the fake broker's from `@dotskit/react/testing`). Default: global `fetch`. */
  fetch?: typeof fetch;
}

/** Minimal broker HTTP client with token refresh on 401 and in-flight GET dedupe. */
export interface BrokerClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  /** Authorized fetch: on a 401, asks for a fresh token once and retries. */
  raw(path: string, init: RequestInit): Promise<Response>;
}

/** `exp` of a JWT in epoch ms (payload decoded, not verified); NaN when there is none. */
const expiry = (jwt: string): number => {
  try {
    return JSON.parse(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).exp * 1000;
  } catch {
    return Number.NaN;
  }
};

/** Creates a client reading the latest config on each call. */
export function createBrokerClient(config: () => BrokerConfig): BrokerClient {
  // Concurrent GETs of one path share one request.
  const inflight = sharePending();
  // The kept token: whose getToken gave it, and until when (epoch ms; Infinity while pending).
  let kept: { from: unknown; token: Promise<string>; until: number } | undefined;

  /** A token: the kept one while valid, else a new one (after a 401 unless `stale` was replaced). */
  const token = (stale?: Promise<string>) => {
    const { getToken } = config();
    const k = kept;
    if (k?.from === getToken && (stale ? k.token !== stale : k.until > Date.now())) return k.token;
    const entry = {
      from: getToken,
      token: (async () => getToken({ refresh: !!stale }))(),
      until: Infinity,
    };
    kept = entry;
    entry.token.then(
      (t) => {
        entry.until = expiry(t) - 30_000;
      },
      () => {
        if (kept === entry) kept = undefined;
      },
    );
    return entry.token;
  };
  const attempt = async (path: string, init: RequestInit, t: Promise<string>) => {
    const { url, fetch: f = fetch } = config();
    const authorization = `Bearer ${await t.catch((cause: unknown) => {
      throw widgetError('token_error', cause);
    })}`;
    // Only a rejection of fetch() itself means the network: nothing answered.
    return f(url.replace(/\/+$/, '') + path, {
      ...init,
      headers: { ...init.headers, authorization },
    }).catch((cause: unknown) => {
      throw widgetError('network_error', cause);
    });
  };
  const raw = async (path: string, init: RequestInit) => {
    const t = token();
    const res = await attempt(path, init, t);
    return res.status === 401 ? attempt(path, init, token(t)) : res;
  };

  const send = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    try {
      const res = await raw(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await res.json().catch(() => null);
      if (res.ok && json) return json;
      const e = json?.error ?? {};
      throw new DotsWidgetError({
        code: e.code ?? 'bad_response',
        message: e.message ?? `HTTP ${res.status}`,
        status: res.status,
        details: e.details,
        // Whole seconds (the broker sends no HTTP-date form); none, 0 or unreadable: unset.
        retryAfterMs: Number(res.headers.get('retry-after')) * 1000 || undefined,
      });
    } catch (err) {
      throw toWidgetError(err);
    }
  };

  return {
    raw,
    post: (path, body) => send('POST', path, body),
    get: (path) => inflight(path, () => send('GET', path)),
  };
}
