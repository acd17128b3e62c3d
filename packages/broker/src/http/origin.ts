import { BrokerError } from '../errors';

/** Methods that change state: a browser sends them cross-origin only when allowed. */
export const STATE_CHANGING: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The 403 for a browser origin the broker does not accept; its message names both fixes
 * (an allow-list entry, or a same-origin proxy that forwards its host and is trusted).
 */
export function originNotAllowed(origin: string): BrokerError {
  return new BrokerError({
    code: 'origin_not_allowed',
    message: `Origin ${origin} is not allowed to call this broker. Add it to \`allowedOrigins\` (DOTSKIT_ALLOWED_ORIGINS), or, if a proxy on that origin forwards to the broker, have it send X-Forwarded-Host (Vite: \`xfwd: true\`) and trust it with \`app.set('trust proxy', …)\` (TRUST_PROXY).`,
    details: { origin },
  });
}

/** What the origin check needs to know of a request. */
export interface OriginFacts {
  method: string;
  /** The `Origin` header, if any. */
  origin: string | undefined;
  /** The `Sec-Fetch-Site` header (a browser sets it; pages cannot). */
  secFetchSite: string | undefined;
  /** Whether it is a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`). */
  preflight: boolean;
  /** The origins this request reached the broker on (its own, and a trusted proxy's). */
  ownOrigins: readonly string[];
}

/** What to do with the request: headers to add, and whether it is an answered preflight. */
export interface OriginDecision {
  headers: Record<string, string>;
  /** A preflight to answer 204 with `headers`, without going further. */
  answered: boolean;
}

/**
 * The one CORS and same-origin rule, for every HTTP adapter. Allowed origins and the
 * request's own origin get the CORS headers and preflight answers; a state-changing request
 * or a preflight from any other origin is refused with 403 `origin_not_allowed`. A browser
 * saying `Sec-Fetch-Site: same-origin` is same-origin whatever a proxy did to `Host`.
 * Requests without `Origin` (servers, curl) pass: they are not browsers acting for a site.
 */
export function originPolicy(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return (facts: OriginFacts): OriginDecision => {
    const { origin } = facts;
    if (!origin) return { headers: {}, answered: false };
    const ok =
      facts.secFetchSite === 'same-origin' ||
      facts.ownOrigins.includes(origin) ||
      allowed.has(origin);
    const headers: Record<string, string> = { Vary: 'Origin' };
    if (ok) {
      headers['Access-Control-Allow-Origin'] = origin;
      headers['Access-Control-Expose-Headers'] =
        'Retry-After, X-Request-Id, Idempotent-Replayed, RateLimit, RateLimit-Policy';
    }
    if (facts.preflight) {
      if (!ok) throw originNotAllowed(origin);
      headers['Access-Control-Allow-Methods'] = 'GET, POST, OPTIONS';
      headers['Access-Control-Allow-Headers'] =
        'Authorization, Content-Type, Last-Event-ID, X-Request-Id';
      headers['Access-Control-Max-Age'] = '600';
      return { headers, answered: true };
    }
    if (!ok && STATE_CHANGING.has(facts.method)) throw originNotAllowed(origin);
    return { headers, answered: false };
  };
}
