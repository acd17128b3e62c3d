import express, { type RequestHandler } from 'express';
import { BrokerError } from '../../errors';
import { originPolicy, STATE_CHANGING } from '../origin';

import { ownOrigins } from '../proxy';
import { fastJson } from './json-body';

/** CORS and the same-origin rule (`originPolicy`) as Express middleware. */
export function cors(allowedOrigins: readonly string[]): RequestHandler {
  const decide = originPolicy(allowedOrigins);
  return (req, res, next) => {
    try {
      const { headers, answered } = decide({
        method: req.method,
        origin: req.headers.origin,
        secFetchSite: req.get('sec-fetch-site'),
        preflight:
          req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined,
        ownOrigins: req.headers.origin ? ownOrigins(req) : [],
      });
      for (const [name, value] of Object.entries(headers))
        name === 'Vary' ? res.vary('Origin') : res.setHeader(name, value);
      if (answered) return void res.status(204).end();
      next();
    } catch (err) {
      next(err);
    }
  };
}

/**
 * JSON bodies only (415 otherwise), at most `bytes` (413), parsed strictly (objects and
 * arrays): plain UTF-8 JSON by `fastJson`, anything else by express.json with these options.
 */
export function jsonBody(bytes: number): RequestHandler[] {
  // `slow` has checked the media type of every body that gets to the parser: it does not
  // parse the Content-Type header a second time.
  const checked = (req: { method?: string }) => STATE_CHANGING.has(req.method ?? '');
  const parser = express.json({ limit: bytes, strict: true, type: checked });
  const slow: RequestHandler = (req, res, next) => {
    if (!req.is('application/json')) {
      return next(
        new BrokerError({
          code: 'unsupported_media_type',
          message: 'Send the body as JSON with `Content-Type: application/json`.',
        }),
      );
    }
    parser(req, res, next);
  };
  const read = fastJson(bytes, slow);
  return [(req, res, next) => (STATE_CHANGING.has(req.method) ? read(req, res, next) : next())];
}

/** The raw body for webhooks (the signature covers the exact bytes), at most `bytes` (413). */
export function rawBody(bytes: number): RequestHandler {
  return express.raw({ limit: bytes, type: () => true });
}
