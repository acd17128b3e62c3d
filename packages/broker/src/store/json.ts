/**
 * JSON helpers shared by the stores: every store keeps bodies, payloads and event data as
 * JSON, so a value read back is a deep copy with JSON semantics (e.g. `undefined` fields
 * dropped) whatever the implementation.
 */

/** Serialises a value for storage; `undefined` is stored as `null`. */
export function toJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** Parses a stored JSON text. */
export function fromJson(text: string): unknown {
  return JSON.parse(text) as unknown;
}

/** A deep copy with the same semantics as a round trip through a SQL store. */
export function jsonClone(value: unknown): unknown {
  return fromJson(toJson(value));
}
