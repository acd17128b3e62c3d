import type { RequestHandler, Router } from 'express';
import type { Principal } from '../../types';
import { matchApi } from '../fetch/match';
import { SSE_HEADERS, type SseHub, type SseSink } from '../sse-hub';
import { route } from './resource-routes';

/**
 * Passes only the path `matchApi` names `GET /events` (exact, as the Fetch adapter and the
 * resource routes match): Express's own matching would also take `/EVENTS` and `/events/`.
 */
const exactPath: RequestHandler = (req, _res, next) =>
  next(matchApi('GET', req.path)?.name === 'GET /events' ? undefined : 'route');

/** What the events route needs. */
export interface EventsRouteContext {
  hub: SseHub;
  /** Authentication (and per-principal rate limit). */
  guards: RequestHandler[];
  ready(): Promise<void>;
}

/** Parses `Last-Event-ID`: a non-negative integer, else undefined (a fresh stream). */
export function parseLastEventId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

/**
 * `GET /events`: the principal's own events as `text/event-stream` (`id:`, `event:` and
 * JSON `data:` lines), heartbeats as comments, and replay from the store of everything
 * after `Last-Event-ID` when the header is sent. `HEAD /events` answers the headers alone.
 */
export function eventsRoute(router: Router, ctx: EventsRouteContext): void {
  router.get('/events', exactPath, route('GET /events'), ...ctx.guards, async (req, res) => {
    await ctx.ready();
    res.status(200);
    for (const [name, value] of Object.entries(SSE_HEADERS)) res.setHeader(name, value);
    // HEAD: the stream's headers, and no stream (Node would keep an unending HEAD answer open).
    if (req.method === 'HEAD') return void res.end();
    res.flushHeaders();
    const sink: SseSink = {
      write: (chunk) => void res.write(chunk),
      end: (chunk) => void res.end(chunk),
      get ended() {
        return res.writableEnded || res.destroyed;
      },
      onClose(listener) {
        res.once('close', listener);
        // A socket error ends the stream ('close' follows); unheard, it would crash the process.
        res.on('error', listener);
      },
    };
    await ctx.hub.open(
      res.locals.principal as Principal,
      sink,
      parseLastEventId(req.headers['last-event-id']),
    );
  });
}
