import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { SandboxEngine } from '../state/engine';
import { SandboxError } from '../state/errors';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Basic auth against the configured `clientId:apiKey` (compared in constant time). Sets
 * `res.locals.appId`: the app named by an `Api-App-Id` header (organisation keys act on
 * an app that way), else the credentials' own app. Missing or wrong credentials → 401.
 */
export function basicAuth(engine: SandboxEngine, clientId: string, apiKey: string): RequestHandler {
  const expected = digest(`${clientId}:${apiKey}`);
  // The last header that passed, so the hot path skips decoding and hashing.
  let lastGood = '';
  const check = (header: string): boolean => {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    const given = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    if (!match || !timingSafeEqual(digest(given), expected)) return false;
    lastGood = header;
    return true;
  };
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    if (!((header !== '' && header === lastGood) || check(header))) {
      res.set('WWW-Authenticate', 'Basic realm="Dots sandbox"');
      throw new SandboxError({
        code: 'unauthorized',
        message: 'Missing or invalid credentials: use Basic auth with base64(client_id:api_key).',
        status: 401,
      });
    }
    const appHeader = req.headers['api-app-id'] as string | undefined;
    if (appHeader && !engine.store.apps.has(appHeader)) {
      throw new SandboxError({
        code: 'not-found',
        message: `No app with id ${appHeader} (Api-App-Id header).`,
        status: 404,
      });
    }
    res.locals.appId = appHeader ?? engine.defaultAppId;
    next();
  };
}
