/**
 * A random UUID v4: crypto.randomUUID, or (on plain-http pages, where it is missing) the
 * same shape from Math.random — enough for idempotency keys and per-mount ids.
 */
export const uid = (): string =>
  crypto.randomUUID?.() ??
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (+c ^ ((Math.random() * 16) >> (+c / 4))).toString(16),
  );
