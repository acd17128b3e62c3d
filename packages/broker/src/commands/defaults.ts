import type { BodyDefaults, Principal } from '../types';
import type { Body } from './context';

/**
 * Applies a host's server-side defaults to a browser body: a function gets the body and
 * returns the one to send; an object's values win over the client's, `metadata` objects
 * merge (the host's keys win). Always returns a new object.
 */
export async function applyDefaults(
  defaults: BodyDefaults<Body> | undefined,
  principal: Principal,
  body: Body,
): Promise<Body> {
  if (!defaults) return { ...body };
  if (typeof defaults === 'function') return { ...(await defaults(principal, { ...body })) };
  const merged: Body = { ...body, ...defaults };
  const [mine, theirs] = [defaults.metadata, body.metadata];
  if (mine && theirs && typeof mine === 'object' && typeof theirs === 'object')
    merged.metadata = { ...theirs, ...mine };
  return merged;
}
