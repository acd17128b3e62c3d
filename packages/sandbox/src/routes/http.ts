import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { SandboxEngine } from '../state/engine';
import { SandboxError } from '../state/errors';

/** Dots' error body: `{ error: <code>, message, details? }` (what @dotskit/api parses). */
export function errorBody(err: SandboxError): Record<string, unknown> {
  return {
    error: err.code,
    message: err.dotsMessage,
    ...(err.details ? { details: err.details } : {}),
  };
}

/** Renders SandboxErrors in Dots' shape, body-parser failures as 400/413, anything else as a 500 without a stack. */
export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (err instanceof SandboxError) {
    res.status(err.status).json(errorBody(err));
    return;
  }
  const status = (err as { status?: unknown })?.status;
  if (status === 400 || status === 413 || status === 415) {
    const message = status === 413 ? 'Request body too large.' : 'Request body is not valid JSON.';
    res.status(status).json({ error: 'invalid-input', message });
    return;
  }
  res.status(500).json({ error: 'service-unavailable', message: 'Internal sandbox error.' });
};

/** The origin links should use for this request (publicUrl when set); remembers it for webhooks. */
export function requestOrigin(engine: SandboxEngine, req: Request): string {
  if (engine.fixedOrigin) return engine.origin;
  const origin = `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
  engine.origin = origin;
  return origin;
}

/** A 404 naming the method and path that matched no route. */
export const unknownRoute: RequestHandler = (req, res) => {
  res.status(404).json({
    error: 'not-found',
    message: `Unrecognized request: ${req.method} ${req.path} is not a route of the Dots v2 sandbox.`,
  });
};
