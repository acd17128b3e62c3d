/**
 * The fake broker's idempotent creates, as the broker's: a client key is scoped to the
 * principal and the kind of resource; the same key with the same body (the request
 * without `idempotency_key`, key order ignored) replays the first answer as it was then
 * (`Idempotent-Replayed: true`); with another body it is a 409 `idempotency_mismatch`. A
 * create without a key is a new resource each time.
 */
import { error, json, MESSAGES } from './http';

/** Runs creates once per (principal, kind, key). */
export interface FakeIdempotency {
  run(
    principal: string,
    kind: string,
    key: string | null | undefined,
    body: Record<string, unknown>,
    make: () => unknown,
  ): Response;
}

/** JSON with object keys sorted, so that two equal bodies hash alike whatever their order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

/** Creates an empty key store. */
export function createIdempotency(): FakeIdempotency {
  const done = new Map<string, { hash: string; body: string }>();
  return {
    run(principal, kind, key, body, make) {
      const slot = key == null ? undefined : JSON.stringify([principal, kind, key]);
      const hash = canonical(body);
      const prior = slot === undefined ? undefined : done.get(slot);
      if (prior && prior.hash !== hash) return error('idempotency_mismatch', MESSAGES.mismatch);
      if (prior) return json(201, JSON.parse(prior.body), { 'idempotent-replayed': 'true' });
      const answer = JSON.stringify(make());
      if (slot !== undefined) done.set(slot, { hash, body: answer });
      return json(201, JSON.parse(answer), { 'idempotent-replayed': 'false' });
    },
  };
}
