import { z } from 'zod';

/** Most keys a `metadata` object may have (Stripe's limit). */
export const METADATA_MAX_KEYS = 50;
/** Longest `metadata` key. */
export const METADATA_MAX_KEY_LENGTH = 40;
/** Longest `metadata` value, as a string or as the JSON of a nested value. */
export const METADATA_MAX_VALUE_LENGTH = 500;
/** Deepest nesting below a `metadata` key (a value that is an object of scalars is depth 1). */
export const METADATA_MAX_DEPTH = 2;

/**
 * Nesting depth of a JSON value, walked iteratively (a value nested thousands deep must
 * not overflow the stack); stops counting once past `limit`.
 */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * `metadata` as the broker accepts it: a string of at most 500 characters, or an object of
 * at most 50 keys (each at most 40 characters) whose values are at most 500 characters
 * (strings) or 500 characters of JSON, nested at most 2 deep.
 */
export const metadataWithLimitsSchema = z.union([
  z.string().max(METADATA_MAX_VALUE_LENGTH),
  z.record(z.string().max(METADATA_MAX_KEY_LENGTH), z.unknown()).superRefine((metadata, ctx) => {
    const keys = Object.keys(metadata);
    if (keys.length > METADATA_MAX_KEYS)
      ctx.addIssue({ code: 'custom', message: `At most ${METADATA_MAX_KEYS} keys` });
    for (const key of keys) {
      const value = metadata[key];
      if (jsonDepth(value, METADATA_MAX_DEPTH) > METADATA_MAX_DEPTH) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `Nested at most ${METADATA_MAX_DEPTH} deep`,
        });
        continue;
      }
      const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
      if (text.length > METADATA_MAX_VALUE_LENGTH)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `At most ${METADATA_MAX_VALUE_LENGTH} characters`,
        });
    }
  }),
]);
