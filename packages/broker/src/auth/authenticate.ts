import type { RequestHandler } from 'express';
import { createRemoteJWKSet, type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import { parseTokenAge } from '../config-checks';
import { BrokerError } from '../errors';
import type { BrokerAuthConfig, BrokerScope, Principal } from '../types';

/**
 * Resolves the principal of a request from its `Authorization` header (or, for a host's
 * `authorize`, from the adapter's own request object), or throws a 401 BrokerError.
 */
export type Authenticator = (
  authorization: string | undefined,
  request: unknown,
) => Promise<Principal>;

/** Verified tokens kept to skip repeated signature checks (a page sends the same token many times). */
const TOKEN_CACHE_SIZE = 10_000;

/**
 * Builds the JWT authenticator for `auth` (HS256 secret or JWKS); `exp` and `sub` are
 * required, and `iss`, `aud` and `iat` (age) are checked when configured. A verified token's
 * principal is cached until the token's `exp` or its maximum age, whichever is sooner (at
 * most 10,000 tokens).
 */
export function createJwtAuthenticator(auth: BrokerAuthConfig): Authenticator {
  const hmac = 'jwtSecret' in auth ? new TextEncoder().encode(auth.jwtSecret) : undefined;
  let hmacKey: Promise<CryptoKey> | undefined;
  const jwks = 'jwksUrl' in auth ? createRemoteJWKSet(new URL(auth.jwksUrl)) : undefined;
  const algorithms = hmac ? ['HS256'] : ['RS256', 'ES256', 'PS256', 'EdDSA'];
  const cache = new Map<string, { principal: Principal; expiresAt: number }>();
  const maxAge = auth.maxTokenAge === undefined ? undefined : parseTokenAge(auth.maxTokenAge);
  const options = {
    algorithms,
    requiredClaims: maxAge ? ['exp', 'sub', 'iat'] : ['exp', 'sub'],
    ...(auth.issuer ? { issuer: auth.issuer } : {}),
    ...(auth.audience ? { audience: auth.audience } : {}),
    ...(maxAge ? { maxTokenAge: maxAge } : {}),
  };

  const verify = async (jwt: string) => {
    if (jwks) return (await jwtVerify(jwt, jwks, options)).payload;
    hmacKey ??= crypto.subtle.importKey(
      'raw',
      hmac as Uint8Array<ArrayBuffer>,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    return (await jwtVerify(jwt, await hmacKey, options)).payload;
  };

  return async (header) => {
    const jwt = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    if (!jwt)
      throw new BrokerError({
        code: 'unauthorized',
        message: 'Missing `Authorization: Bearer <token>` header.',
      });
    const cached = cache.get(jwt);
    if (cached && cached.expiresAt > Date.now()) return cached.principal;
    if (cached) cache.delete(jwt);
    let payload: JWTPayload;
    try {
      payload = await verify(jwt);
    } catch (err) {
      throw new BrokerError({ code: 'unauthorized', message: describeJwtError(err) });
    }
    const principal = principalFromClaims(payload);
    if (cache.size >= TOKEN_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    // Cached no longer than the token is valid: until `exp`, or `iat + maxTokenAge` if sooner.
    const expires = Math.min(
      payload.exp as number,
      maxAge ? (payload.iat as number) + maxAge : Number.POSITIVE_INFINITY,
    );
    cache.set(jwt, { principal, expiresAt: expires * 1000 });
    return principal;
  };
}

function describeJwtError(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'The token has expired.';
  if (err instanceof joseErrors.JWTClaimValidationFailed)
    return `The token is missing or has a bad \`${err.claim}\` claim.`;
  return 'The token is not valid.';
}

/** Maps verified claims to a principal; bad claim types are a 401. */
export function principalFromClaims(claims: JWTPayload): Principal {
  const {
    sub,
    scope,
    dots_user_id: dotsUserId,
    max_payout_cents: maxPayout,
  } = claims as JWTPayload & Record<string, unknown>;
  if (typeof sub !== 'string' || sub.length === 0)
    throw new BrokerError({ code: 'unauthorized', message: 'The token has no `sub` claim.' });
  if (scope !== undefined && typeof scope !== 'string') {
    throw new BrokerError({
      code: 'unauthorized',
      message: 'The `scope` claim must be a space-separated string.',
    });
  }
  if (dotsUserId !== undefined && typeof dotsUserId !== 'string') {
    throw new BrokerError({
      code: 'unauthorized',
      message: 'The `dots_user_id` claim must be a string.',
    });
  }
  if (maxPayout !== undefined && !(Number.isInteger(maxPayout) && (maxPayout as number) >= 0)) {
    throw new BrokerError({
      code: 'unauthorized',
      message: 'The `max_payout_cents` claim must be a non-negative integer.',
    });
  }
  const principal: Principal = {
    sub,
    scopes: new Set(scope ? scope.split(/\s+/).filter(Boolean) : []),
  };
  if (dotsUserId) principal.dotsUserId = dotsUserId;
  if (maxPayout !== undefined) principal.maxPayoutCents = maxPayout as number;
  return principal;
}

/** Wraps a host `authorize(req)` so that a throw or `undefined` becomes a 401. */
export function wrapAuthorize<R>(
  authorize: (request: R) => Principal | undefined | Promise<Principal | undefined>,
): Authenticator {
  return async (_header, request) => {
    let principal: Principal | undefined;
    try {
      principal = await authorize(request as R);
    } catch (err) {
      if (err instanceof BrokerError) throw err;
      throw new BrokerError({ code: 'unauthorized', message: 'Not authenticated.' });
    }
    if (!principal || typeof principal.sub !== 'string' || principal.sub.length === 0) {
      throw new BrokerError({ code: 'unauthorized', message: 'Not authenticated.' });
    }
    return principal;
  };
}

/** Whether the principal holds `scope`. */
export function hasScope(principal: Principal, scope: BrokerScope): boolean {
  return Array.isArray(principal.scopes)
    ? principal.scopes.includes(scope)
    : principal.scopes.has(scope);
}

/** Throws 403 `insufficient_scope` unless the principal holds `scope`. */
export function requireScope(principal: Principal, scope: BrokerScope): void {
  if (!hasScope(principal, scope)) {
    throw new BrokerError({
      code: 'insufficient_scope',
      message: `This needs the \`${scope}\` scope.`,
      details: {
        required_scope: scope,
      },
    });
  }
}

/** Middleware: authenticates and stores the principal in `res.locals.principal`. */
export function authenticate(authenticator: Authenticator): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.principal = await authenticator(req.headers.authorization, req);
      next();
    } catch (err) {
      next(err);
    }
  };
}
