import { isIP } from 'node:net';
import { requireScope } from '../../auth/authenticate';
import type { BrokerServerApi } from '../../commands/server-api';
import { type BrokerCore, type BrokerRuntime, createBrokerCore } from '../../core/create-core';
import { reportError } from '../../errors';
import { recordRequest, requestIdOf } from '../../observe/logging';
import type { BrokerCoreOptions, Principal } from '../../types';
import { parseLastEventId } from '../express/events-route';
import { metricsTokenCheck, readiness } from '../express/health-routes';
import { originPolicy } from '../origin';
import { forwardedOrigin } from '../proxy';
import { rateLimitCounter } from '../rate-limit';
import { SSE_HEADERS } from '../sse-hub';
import { readBytes, readJson } from './body';
import { matchApi } from './match';
import { sseResponse } from './sse';

/** Options of {@link createBrokerHandler}: the broker's options, for Fetch API hosts. */
export interface BrokerHandlerOptions extends Omit<BrokerCoreOptions, 'authorize'> {
  /** The path the handler is mounted at, e.g. `'/dots'` for `app/dots/[...path]/route.ts`. Default: `'/'`. */
  basePath?: string;
  /** Host-supplied authentication from the Fetch `Request`; throw (or return undefined) to answer 401. Overrides `auth`. */
  authorize?: (request: Request) => Principal | undefined | Promise<Principal | undefined>;
  /**
   * The end user's IP, e.g. from your platform's header (Vercel's `x-real-ip`). It is
   * forwarded as `Dots-User-IP` when it is a valid IP, and keys the per-IP rate limit;
   * without it only the per-principal limit applies. Default: none.
   */
  clientIp?: (request: Request) => string | undefined;
  /** Trust `Forwarded` / `X-Forwarded-Host` for the same-origin check (your proxy sets them). Default: `false`. */
  trustProxy?: boolean;
}

/** What {@link createBrokerHandler} returns: a `Request → Response` function plus the server-side API. */
export type BrokerHandler = ((request: Request) => Promise<Response>) &
  BrokerServerApi &
  BrokerRuntime;

/** Query parameters as Express reads them: a repeated name is an array. */
const queryOf = (request: Request) => {
  const query: Record<string, string | string[]> = {};
  const params = new URL(request.url).searchParams;
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    query[name] = values.length > 1 ? values : (values[0] as string);
  }
  return query;
};

/** What one request turned out to be, filled in while it is served. */
interface Seen {
  route: string;
  cors: Record<string, string>;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers });

/**
 * Creates the broker as a Fetch API handler, `(request: Request) => Promise<Response>`, for
 * Next.js route handlers, Hono, Remix, Bun or Deno: the same commands, checks and HTTP
 * contract as the Express router of `createBroker` (routes, CORS and same-origin rule,
 * rate limits, SSE with `Last-Event-ID`, raw-body webhook verification, health and
 * metrics). Validates `options` at once (a bad one throws a TypeError).
 */
export function createBrokerHandler(options: BrokerHandlerOptions): BrokerHandler {
  const core = createBrokerCore(options);
  const base = (options.basePath ?? '/').replace(/\/+$/, '');
  const { json: bodyLimit, webhook: webhookLimit } = core.bodyLimits;
  const decideOrigin = originPolicy(options.allowedOrigins ?? []);
  const checkMetricsToken = metricsTokenCheck(options.metricsToken);
  const { limits } = core;
  const perIp = limits && rateLimitCounter('ip', core.store, limits, core.storeReady);
  const perPrincipal = limits && rateLimitCounter('principal', core.store, limits, core.storeReady);

  const handler = async (request: Request): Promise<Response> => {
    const started = process.hrtime.bigint();
    const reqId = requestIdOf(request.headers.get('x-request-id'));
    const url = new URL(request.url);
    const path = url.pathname.startsWith(`${base}/`) ? url.pathname.slice(base.length) : undefined;
    // What the request turned out to be: its route name, and the CORS headers every answer
    // to an allowed origin carries (errors included, so the browser can read them).
    const seen: Seen = { route: 'unmatched', cors: {} };
    let response: Response;
    try {
      const served = path === undefined ? undefined : await serve(core, request, path, seen);
      response = served ?? json(404, { error: { code: 'not_found', message: 'Not found.' } });
    } catch (err) {
      const error = reportError(core.logger, err, reqId);
      response = json(error.status, error.toJSON(), { ...seen.cors, ...(error.headers ?? {}) });
    }
    // HEAD is GET without the body, as Express answers it (load balancers probe /healthz so).
    if (request.method === 'HEAD') {
      void response.body?.cancel();
      response = new Response(null, { status: response.status, headers: response.headers });
    }
    response.headers.set('X-Request-Id', reqId);
    recordRequest(core.requestLogger, core.metrics, {
      reqId,
      method: request.method,
      route: seen.route,
      status: response.status,
      started,
    });
    return response;
  };

  async function serve(
    c: BrokerCore,
    request: Request,
    path: string,
    seen: Seen,
  ): Promise<Response | undefined> {
    const named = (route: string) => {
      seen.route = route;
    };
    const head = request.method === 'HEAD';
    const method = head ? 'GET' : request.method;
    const header = (name: string) => request.headers.get(name) ?? undefined;
    if (method === 'GET' && path === '/healthz') {
      named('GET /healthz');
      return json(200, { status: 'ok' });
    }
    if (method === 'GET' && path === '/readyz') {
      named('GET /readyz');
      const answer = await readiness(c.store, c.ready);
      return json(answer.status, answer.body);
    }
    if (method === 'GET' && path === '/metrics' && (options.metricsRoute ?? true)) {
      named('GET /metrics');
      checkMetricsToken(header('authorization'));
      const text = await c.metrics.registry.metrics();
      return new Response(text, { headers: { 'Content-Type': c.metrics.registry.contentType } });
    }
    if (method === 'POST' && path === '/webhooks') {
      named('POST /webhooks');
      const answer = await c.receiveWebhook(await readBytes(request, webhookLimit), header);
      queueMicrotask(() => answer.after?.());
      return json(answer.status, answer.body);
    }

    const preflight = method === 'OPTIONS';
    const matched = matchApi(preflight ? undefined : method, path);
    if (!matched) return undefined;
    named(preflight ? `OPTIONS ${matched.name.split(' ')[1]}` : matched.name);
    const { origin: own, protocol } = new URL(request.url);
    const forwarded = options.trustProxy
      ? forwardedOrigin(header, protocol.slice(0, -1))
      : undefined;
    const decision = decideOrigin({
      method,
      origin: header('origin'),
      secFetchSite: header('sec-fetch-site'),
      preflight: preflight && header('access-control-request-method') !== undefined,
      ownOrigins: forwarded ? [own, forwarded] : [own],
    });
    seen.cors = decision.headers;
    if (decision.answered) return new Response(null, { status: 204, headers: decision.headers });
    if (preflight) return undefined;
    const ip = options.clientIp?.(request);
    if (perIp && ip) await perIp(ip);
    const principal = await c.authenticate(header('authorization'), request);
    if (perPrincipal) await perPrincipal(principal.sub);
    const caller = {
      principal,
      via: 'browser' as const,
      ...(ip && isIP(ip) !== 0 ? { userIp: ip } : {}),
    };
    if (matched.name === 'GET /events') {
      await c.storeReady();
      if (head) return new Response(null, { headers: { ...decision.headers, ...SSE_HEADERS } });
      const lastEventId = parseLastEventId(header('last-event-id'));
      return sseResponse(c.hub, principal, lastEventId, request.signal, decision.headers);
    }
    const entry = matched.entry;
    if (!entry) return undefined;
    requireScope(principal, entry.scope);
    const body = entry.method === 'POST' ? await readJson(request, bodyLimit) : undefined;
    const result = await entry.handle(c.commands, caller, {
      body,
      id: matched.id,
      query: queryOf(request),
    });
    return json(result.status, result.body, { ...decision.headers, ...(result.headers ?? {}) });
  }

  return Object.assign(handler, core.serverApi, {
    client: core.client,
    store: core.store,
    ready: core.ready,
    close: core.close,
    idle: core.idle,
  });
}
