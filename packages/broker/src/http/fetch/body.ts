import parseBytes from 'bytes';
import { BrokerError } from '../../errors';

const SIZE = /^\s*\d+(?:\.\d+)?\s*(?:b|kb|mb|gb|tb|pb)?\s*$/i;

/**
 * A size option (`'32kb'` or a byte count) in bytes, for both adapters and the body parsers
 * under them. Throws a `[dotskit]` TypeError naming `option` for anything that is not a
 * positive size, so that both adapters refuse the same values at creation.
 */
export function sizeInBytes(limit: number | string, option: string): number {
  // `bytes` alone would read '32 kilobytes' as 32 (its leading number): whole forms only.
  const bytes =
    typeof limit === 'number'
      ? limit
      : typeof limit === 'string' && SIZE.test(limit)
        ? parseBytes.parse(limit)
        : null;
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new TypeError(
      `[dotskit] \`${option}\` must be a positive byte count or a size string such as '32kb' (got ${JSON.stringify(limit)}).`,
    );
  }
  return bytes;
}

const tooLarge = () =>
  new BrokerError({
    code: 'payload_too_large',
    message: 'The request body is larger than the broker accepts.',
  });

/**
 * The request body as bytes, at most `limit` (413 beyond it, checked on `Content-Length`
 * first and then while reading, so a lying or missing header cannot make it buffer more).
 */
export async function readBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * A JSON request body, as the Express adapter reads it: `Content-Type: application/json`
 * only (415), at most `limit` bytes (413), an object or array (400 `invalid_json`).
 */
export async function readJson(request: Request, limit: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new BrokerError({
      code: 'unsupported_media_type',
      message: 'Send the body as JSON with `Content-Type: application/json`.',
    });
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(await readBytes(request, limit));
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object') return value;
  } catch {}
  throw new BrokerError({ code: 'invalid_json', message: 'The request body is not valid JSON.' });
}
