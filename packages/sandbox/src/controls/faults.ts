import type { RequestHandler } from 'express';
import { SandboxError } from '../state/errors';

/** Injected latency and failures (`PUT /_sandbox/faults`). */
export interface SandboxFaults {
  /** Added to every matching request, in real ms. Default 0. */
  latency_ms?: number;
  /** Probability (0-1) that a matching request fails. Default 0. */
  error_rate?: number;
  /** Status of injected failures. Default 503. */
  error_status?: number;
  /** Only requests whose path starts with this are affected. Default `/api/`. */
  path_prefix?: string;
}

/** Applies the current faults (read through `get` on each request) before routing. */
export function faultInjector(get: () => SandboxFaults): RequestHandler {
  return (req, _res, next) => {
    const f = get();
    if (!req.path.startsWith(f.path_prefix ?? '/api/')) return next();
    const fail = (f.error_rate ?? 0) > 0 && Math.random() < (f.error_rate ?? 0);
    const act = () => {
      if (!fail) return next();
      const status = f.error_status ?? 503;
      const code = status === 429 || status === 409 ? 'resource-busy' : 'service-unavailable';
      next(
        new SandboxError({
          code: code,
          message: `Injected fault: ${status} (PUT /_sandbox/faults).`,
          status: status,
        }),
      );
    };
    if ((f.latency_ms ?? 0) > 0) setTimeout(act, f.latency_ms);
    else act();
  };
}
