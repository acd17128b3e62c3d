import { afterAll } from 'vitest';
import { token } from './helpers';
import { openSse, type SseClient } from './sse-client';

/**
 * For one test file: returns `stream(sub, lastEventId?, claims?)`, which opens
 * `${baseUrl()}/events` with a token for `sub` (and extra claims); every stream it opened is
 * closed after the file's tests (`afterAll`).
 */
export function streamsPerFile(
  baseUrl: () => string,
): (sub: string, lastEventId?: number, claims?: Record<string, unknown>) => Promise<SseClient> {
  const open: SseClient[] = [];
  afterAll(() => {
    for (const client of open) client.close();
  });
  return async (sub, lastEventId, claims = {}) => {
    const client = await openSse(`${baseUrl()}/events`, await token(sub, claims), lastEventId);
    open.push(client);
    return client;
  };
}
