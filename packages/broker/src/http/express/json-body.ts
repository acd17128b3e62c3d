import type { Request, RequestHandler } from 'express';

/**
 * `Content-Type` values the fast reader takes: `application/json`, optionally with a
 * UTF-8 charset. Anything else (another charset, other parameters) goes to body-parser.
 * Only HTTP's own whitespace (space, tab) may pad it: `\s` would also take a no-break
 * space or a vertical tab, which type-is refuses (415).
 */
const PLAIN_JSON = /^application\/json[ \t]*(?:;[ \t]*charset="?utf-8"?[ \t]*)?$/i;

/** A body-parser style error (`status` + `type`), so the broker's one mapper answers it. */
function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
}

/** `body` parsed as body-parser's strict JSON parser does (objects and arrays only). */
function parseStrict(text: string): unknown {
  // iconv-lite (body-parser's decoder) drops a leading byte order mark; so does this reader.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // body-parser answers `{}` for a body that decodes to nothing (a lone byte order mark).
  if (body.length === 0) return {};
  const first = /[^ \t\n\r]/.exec(body)?.[0];
  if (first !== '{' && first !== '[') {
    throw bodyError(400, 'entity.parse.failed', 'The request body is not a JSON object or array.');
  }
  try {
    return JSON.parse(body);
  } catch (err) {
    throw bodyError(400, 'entity.parse.failed', (err as Error).message);
  }
}

/**
 * Whether the fast reader may take `req`: a plain UTF-8 JSON body with a `Content-Length`
 * of 1..`limit` bytes, no `Content-Encoding` or `Transfer-Encoding`, not read yet. Every
 * other request (compressed, chunked, empty, too large, another charset) is body-parser's.
 */
function plainBody(req: Request, limit: number): number | undefined {
  const h = req.headers;
  if (h['content-encoding'] !== undefined || h['transfer-encoding'] !== undefined) return;
  if (!PLAIN_JSON.test(h['content-type'] ?? '')) return;
  const raw = h['content-length'];
  if (raw === undefined || !/^\d{1,9}$/.test(raw)) return;
  const length = Number(raw);
  if (length === 0 || length > limit || req.complete || req.readableEnded) return;
  return length;
}

/**
 * JSON body reading for the broker's POST routes: the common request (see `plainBody`)
 * is read and parsed here, with no media-type, charset or encoding machinery (body-parser
 * with its raw-body, iconv-lite, type-is and content-type steps cost ~3 % of a `POST`'s
 * CPU); every other request goes to `fallback` (express.json with the same options), so
 * the answers to unusual bodies stay body-parser's. Errors carry body-parser's
 * `status`/`type`, so both paths end in the same 4xx bodies. Sets `req.body`.
 */
export function fastJson(limit: number, fallback: RequestHandler): RequestHandler {
  return (req, res, next) => {
    const length = plainBody(req, limit);
    if (length === undefined) return fallback(req, res, next);
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFail);
      req.off('aborted', onFail);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      chunks.push(chunk);
    };
    const onFail = () => {
      cleanup();
      next(bodyError(400, 'request.aborted', 'The request was aborted.'));
    };
    const onEnd = () => {
      cleanup();
      // Node frames the body by Content-Length, so a mismatch means the request broke off.
      if (received !== length) {
        return next(bodyError(400, 'request.size.invalid', 'The body is not its declared size.'));
      }
      const only = chunks.length === 1 ? chunks[0] : undefined;
      const text = (only ?? Buffer.concat(chunks, received)).toString('utf8');
      let body: unknown;
      try {
        body = parseStrict(text);
      } catch (err) {
        return next(err);
      }
      req.body = body;
      next();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onFail);
    req.on('aborted', onFail);
  };
}
