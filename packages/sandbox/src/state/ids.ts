import { randomBytes, randomUUID } from 'node:crypto';

/** A new resource id (UUID v4, as Dots uses). */
export const newId = (): string => randomUUID();

/** A new Svix-style message id (`msg_` + 27 url-safe characters). */
export const newMessageId = (): string =>
  `msg_${randomBytes(20).toString('base64url').slice(0, 27)}`;

/** Renders an emulated epoch-ms instant as the API's ISO-8601 UTC timestamp. */
export const isoTime = (ms: number): string => new Date(ms).toISOString();
