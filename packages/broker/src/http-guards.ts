import express, { type RequestHandler } from 'express';
import { BrokerError } from './errors';
import { ownOrigins } from './proxy';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The 403 for a browser origin the broker does not accept; its message names both fixes
 * (an allow-list entry, or a same-origin proxy that forwards its host and is trusted).
 */
export function originNotAllowed(origin: string): BrokerError {
  return new BrokerError(
    'origin_not_allowed',
    `Origin ${origin} is not allowed to call this broker. Add it to \`allowedOrigins\` (DOTSKIT_ALLOWED_ORIGINS), or, if a proxy on that origin forwards to the broker, have it send X-Forwarded-Host (Vite: \`xfwd: true\`) and trust it with \`app.set('trust proxy', …)\` (TRUST_PROXY).`,
    { origin },
  );
}

/**
 * CORS from an allow-list. Allowed origins and the request's own origin get the CORS
 * headers and preflight answers; a state-changing request or a preflight from any other
 * origin is refused with 403 before it reaches a handler. The own origin is that of `Host`,
 * or of the forwarded host when the host app trusts the proxy (see `ownOrigins`); a browser
 * that says `Sec-Fetch-Site: same-origin` (a header pages cannot set) is same-origin too,
 * whatever a proxy did to `Host`. Requests without `Origin` (servers, curl) pass: they are
 * not browsers acting for another site.
 */
export function cors(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (!origin) return next();
    const sameOrigin =
      req.headers['sec-fetch-site'] === 'same-origin' || ownOrigins(req).includes(origin);
    const ok = sameOrigin || allowed.has(origin);
    res.vary('Origin');
    if (ok) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader(
        'Access-Control-Expose-Headers',
        'Retry-After, X-Request-Id, Idempotent-Replayed, RateLimit, RateLimit-Policy',
      );
    }
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      if (!ok) return next(originNotAllowed(origin));
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader(
        'Access-Control-Allow-Headers',
        'Authorization, Content-Type, Last-Event-ID, X-Request-Id',
      );
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    if (!ok && STATE_CHANGING.has(req.method)) {
      return next(originNotAllowed(origin));
    }
    next();
  };
}

/** JSON bodies only (415 otherwise), at most `limit` (413), parsed strictly (objects and arrays). */
export function jsonBody(limit: number | string): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    if (!STATE_CHANGING.has(req.method)) return next();
    if (!req.is('application/json')) {
      return next(
        new BrokerError(
          'unsupported_media_type',
          'Send the body as JSON with `Content-Type: application/json`.',
        ),
      );
    }
    next();
  };
  return [requireJson, express.json({ limit, strict: true, type: 'application/json' })];
}

/** The raw body for webhooks (the signature covers the exact bytes). */
export function rawBody(limit: number | string): RequestHandler {
  return express.raw({ limit, type: () => true });
}
