import type { RequestHandler, Router } from 'express';
import type { SseHub } from '../sse-hub';
import type { Principal } from '../types';
import { route } from './resources';

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
 * after `Last-Event-ID` when the header is sent.
 */
export function eventsRoute(router: Router, ctx: EventsRouteContext): void {
  router.get('/events', route('GET /events'), ...ctx.guards, async (req, res) => {
    await ctx.ready();
    await ctx.hub.open(
      res.locals.principal as Principal,
      res,
      parseLastEventId(req.headers['last-event-id']),
    );
  });
}
