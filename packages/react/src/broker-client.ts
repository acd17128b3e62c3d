import { DotsError, toDotsError } from './errors';

/** How the widget reaches the host's broker. */
export interface BrokerConfig {
  /** Base URL of the broker router, e.g. `/dots` or `https://api.example.com/dots`. */
  url: string;
  /**
   * Returns the host's JWT for the signed-in user (sync or async). Called before each
   * request; called again with `{ refresh: true }` after a 401, once, before retrying.
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

/** Creates a client reading the latest config on each call. */
export function createBrokerClient(config: () => BrokerConfig): BrokerClient {
  const inflight = new Map<string, Promise<unknown>>();

  const attempt = async (path: string, init: RequestInit, refresh: boolean) => {
    const { url, getToken, fetch: f = fetch } = config();
    const authorization = `Bearer ${await getToken({ refresh })}`;
    return f(url.replace(/\/+$/, '') + path, {
      ...init,
      headers: { ...init.headers, authorization },
    });
  };
  const raw = async (path: string, init: RequestInit) => {
    const res = await attempt(path, init, false);
    return res.status === 401 ? attempt(path, init, true) : res;
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
      throw new DotsError(
        e.code ?? 'bad_response',
        e.message ?? `HTTP ${res.status}`,
        res.status,
        e.details,
      );
    } catch (err) {
      throw toDotsError(err);
    }
  };

  return {
    raw,
    post: (path, body) => send('POST', path, body),
    get<T>(path: string) {
      let p = inflight.get(path);
      if (!p) {
        p = send<T>('GET', path).finally(() => inflight.delete(path));
        inflight.set(path, p);
      }
      return p as Promise<T>;
    },
  };
}
