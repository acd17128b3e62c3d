import type { Request, RequestHandler, Response, Router } from 'express';
import { requireScope } from '../../auth/authenticate';
import type { CommandContext } from '../../commands/context';
import type { ListQuery } from '../../commands/list';
import type { Principal } from '../../types';
import { matchApi } from '../fetch/match';
import { clientIp } from '../proxy';
import type { ApiRoute } from '../route-table';
import { runGuards } from './api-gate';

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

/**
 * Mounts the route table on an Express router as ONE middleware: it matches the table
 * itself (`matchApi`, as the Fetch adapter does; `HEAD` as `GET`), then runs the guards and
 * the command (parse → command → render). A layer per route cost Express's router a
 * dispatch per route and per handler on every request (about 8 % of a GET's CPU).
 */
export function resourceRoutes(router: Router, ctx: ResourceRoutesContext): void {
  const postGuards = [...ctx.auth, ...ctx.json];
  router.use((req, res, next) => {
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const matched = method === 'GET' || method === 'POST' ? matchApi(method, req.path) : undefined;
    const entry = matched?.entry;
    if (!entry) return next();
    res.locals.route = matched.name;
    runGuards(entry.method === 'POST' ? postGuards : ctx.auth, req, res, (err) => {
      if (err) return next(err);
      serve(ctx, entry, matched.id, req, res).catch(next);
    });
  });
}

async function serve(
  ctx: ResourceRoutesContext,
  entry: ApiRoute,
  id: string | undefined,
  req: Request,
  res: Response,
): Promise<void> {
  const principal = res.locals.principal as Principal;
  requireScope(principal, entry.scope);
  const result = await entry.handle(
    ctx.commands,
    { principal, via: 'browser', ...userIpOf(req) },
    { body: req.body, id: id ?? '', query: req.query as ListQuery },
  );
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  sendJson(res, result.status, result.body);
}
