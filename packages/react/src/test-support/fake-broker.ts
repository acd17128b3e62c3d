import { createSseParser, formatSseFrame } from '@dotskit/api/wire';
import { createFakeBroker as createFake, type FakeBroker } from '../testing';

/**
 * A frame's data as the real broker writes it: the bare resource. The fake of
 * `@dotskit/react/testing` still wraps it as `{ type, resource_id, resource }`.
 */
const bare = (data: string): string => {
  try {
    const d = JSON.parse(data);
    return d && typeof d === 'object' && d.resource && !('id' in d)
      ? JSON.stringify(d.resource)
      : data;
  } catch {
    return data;
  }
};

/** `fetch` whose `text/event-stream` answers carry {@link bare} frames. */
const bareEvents =
  (f: typeof fetch): typeof fetch =>
  async (input, init) => {
    const res = await f(input, init);
    const body = res.body;
    if (!body || !res.headers.get('content-type')?.startsWith('text/event-stream')) return res;
    const enc = new TextEncoder();
    const dec = new TextDecoder();
    let out!: TransformStreamDefaultController<Uint8Array>;
    const feed = createSseParser(
      ({ id, event, data }) =>
        out.enqueue(enc.encode(formatSseFrame({ id, event, data: bare(data) }))),
      (comment) => out.enqueue(enc.encode(`: ${comment}\n\n`)),
    );
    const frames = new TransformStream<Uint8Array, Uint8Array>({
      start: (c) => {
        out = c;
      },
      transform: (chunk) => feed(dec.decode(chunk, { stream: true })),
    });
    return new Response(body.pipeThrough(frames), { status: res.status, headers: res.headers });
  };

/**
 * The fake broker of `@dotskit/react/testing` speaking the real broker's stream format
 * (`@dotskit/api/wire`: `data:` is the bare resource), which is the only one the widget
 * reads. A test adapter while the fake still sends its own envelope: once the fake sends
 * bare resources this changes nothing, and the tests can import the fake directly.
 */
export function createFakeBroker(...args: Parameters<typeof createFake>): FakeBroker {
  const fb = createFake(...args);
  const { configFor } = fb;
  fb.fetch = bareEvents(fb.fetch);
  fb.config.fetch = fb.fetch;
  fb.configFor = (p) => ({ ...configFor(p), fetch: fb.fetch });
  return fb;
}
