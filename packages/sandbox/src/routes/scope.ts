import { notFound } from '../state/errors';

/** The record `id` of `map` if it belongs to app `appId`; otherwise a 404 naming `kind`. */
export function owned<T extends { app_id: string }>(
  map: Map<string, T>,
  appId: string,
  id: string,
  kind: string,
): T {
  const record = map.get(id);
  if (!record || record.app_id !== appId) throw notFound(kind, id);
  return record;
}

/** Every record of `map` belonging to app `appId`, in creation order. */
export function ownedList<T extends { app_id: string }>(map: Map<string, T>, appId: string): T[] {
  return [...map.values()].filter((r) => r.app_id === appId);
}
