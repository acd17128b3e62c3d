import type { Request, RequestHandler, Response } from 'express';

/**
 * Runs Express middleware `handlers` in order, as Express would within one route: `done(err)`
 * at the first error (thrown, passed to `next` or a rejected promise), `done()` after the last.
 */
export function runGuards(
  handlers: readonly RequestHandler[],
  req: Request,
  res: Response,
  done: (err?: unknown) => void,
): void {
  let i = 0;
  const next = (err?: unknown) => {
    if (err !== undefined && err !== null) return done(err);
    const handler = handlers[i++];
    if (!handler) return done();
    try {
      const result: unknown = handler(req, res, next);
      if (result instanceof Promise) result.catch(done);
    } catch (thrown) {
      done(thrown);
    }
  };
  next();
}

const literal = (path: string) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The middleware every request under `paths` passes, as ONE Express layer: `handlers` run in
 * order for a request whose path is one of `paths` or below it (`/flows`, `/flows/x`; not
 * `/flowsx`), compared without case as Express's router compares mount paths; other
 * requests pass by. `router.use(paths, h)` once per handler cost a layer match plus a
 * prefix strip and restore of `req.url` per handler on every request.
 */
export function pathGate(paths: readonly string[], handlers: RequestHandler[]): RequestHandler {
  const under = new RegExp(`^(?:${paths.map(literal).join('|')})(?:/|$)`, 'i');
  return (req, res, next) => {
    if (!under.test(req.path)) return next();
    runGuards(handlers, req, res, next);
  };
}
