import { listParamsSchema } from '@dotskit/api';
import type { Request } from 'express';
import { parseBody } from './validate';

/**
 * One page of `items` (oldest first as stored; listed newest first, as Dots does) after
 * the `limit` (default 10, 1-100) / `starting_after` / `ending_before` query parameters.
 */
export function paginate<T extends { id: string }>(
  items: T[],
  req: Request,
): { data: T[]; has_more: boolean } {
  const q = req.query;
  const params = parseBody(listParamsSchema, {
    limit: typeof q.limit === 'string' && /^-?\d+$/.test(q.limit) ? Number(q.limit) : q.limit,
    starting_after: q.starting_after,
    ending_before: q.ending_before,
  });
  const limit = params.limit ?? 10;
  const ordered = [...items].reverse();
  if (params.ending_before) {
    const end = ordered.findIndex((i) => i.id === params.ending_before);
    const before = end < 0 ? [] : ordered.slice(0, end);
    return {
      data: before.slice(Math.max(0, before.length - limit)),
      has_more: before.length > limit,
    };
  }
  const start = params.starting_after
    ? ordered.findIndex((i) => i.id === params.starting_after) + 1
    : 0;
  const rest = params.starting_after && start === 0 ? [] : ordered.slice(start);
  return { data: rest.slice(0, limit), has_more: rest.length > limit };
}
