import type { Request } from 'express';
import type { z } from 'zod';
import { invalidInput } from '../state/errors';
import { parseQuery, query } from './query';

/**
 * One page of `items` (given in list order) after the `limit` (default 10, 1-100) /
 * `starting_after` / `ending_before` query parameters. A cursor must be the id of an
 * item of this list (`cursor` checks its form; UUID by default): an unknown one is a 400
 * naming it, never an empty page.
 */
export function pageOf<T extends { id: string | number }>(
  items: T[],
  req: Request,
  cursor: z.ZodType<string> = query.uuid,
): { data: T[]; has_more: boolean } {
  const params = parseQuery(req, {
    limit: query.limit,
    starting_after: cursor,
    ending_before: cursor,
  });
  const limit = params.limit ?? 10;
  const at = (field: 'starting_after' | 'ending_before', id: string) => {
    const i = items.findIndex((item) => String(item.id) === id);
    if (i < 0)
      throw invalidInput(
        `Invalid query parameter ${field}: no object with id ${id} in this list.`,
        field,
      );
    return i;
  };
  if (params.ending_before) {
    const before = items.slice(0, at('ending_before', params.ending_before));
    return {
      data: before.slice(Math.max(0, before.length - limit)),
      has_more: before.length > limit,
    };
  }
  const rest = params.starting_after
    ? items.slice(at('starting_after', params.starting_after) + 1)
    : items;
  return { data: rest.slice(0, limit), has_more: rest.length > limit };
}

/** {@link pageOf} for records stored oldest first, listed newest first as Dots does. */
export function paginate<T extends { id: string }>(
  items: T[],
  req: Request,
): { data: T[]; has_more: boolean } {
  return pageOf([...items].reverse(), req);
}
