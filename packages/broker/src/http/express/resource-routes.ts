import type { RequestHandler, Response, Router } from 'express';
import { requireScope } from '../../auth/authenticate';
import type { CommandContext } from '../../commands/context';
import type { ListQuery } from '../../commands/list';
import type { Principal } from '../../types';
import { clientIp } from '../proxy';
import { apiRoutes } from '../route-table';

/** What the resource routes need. */
export interface ResourceRoutesContext {
  commands: CommandContext;
  /** Authentication and per-principal rate limit, in order. */
  auth: RequestHandler[];
  /** JSON body checks and parsing (for POST routes). */
  json: RequestHandler[];
}

/** Names the route for metrics and logs. */
export const route =
  (name: string): RequestHandler =>
  (_req, res, next) => {
    res.locals.route = name;
    next();
  };

const userIpOf = (req: Parameters<RequestHandler>[0]) => {
  const ip = clientIp(req);
  return ip ? { userIp: ip } : {};
};

/**
 * Writes a JSON answer with Node's own `end`, not Express's `res.json`: no ETag (a SHA-1 of
 * every body, and a 304 would not spare the Dots call each answer comes from) and no
 * freshness check, as the Fetch adapter's `Response.json`.
 */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** Mounts the route table on an Express router: parse → command → render. */
export function resourceRoutes(router: Router, ctx: ResourceRoutesContext): void {
  for (const entry of apiRoutes) {
    const guards = entry.method === 'POST' ? [...ctx.auth, ...ctx.json] : ctx.auth;
    const method = entry.method === 'POST' ? 'post' : 'get';
    router[method](
      entry.path,
      route(`${entry.method} ${entry.path}`),
      ...guards,
      async (req, res) => {
        const principal = res.locals.principal as Principal;
        requireScope(principal, entry.scope);
        const result = await entry.handle(
          ctx.commands,
          { principal, via: 'browser', ...userIpOf(req) },
          { body: req.body, id: String(req.params.id ?? ''), query: req.query as ListQuery },
        );
        for (const [name, value] of Object.entries(result.headers ?? {}))
          res.setHeader(name, value);
        sendJson(res, result.status, result.body);
      },
    );
  }
}
