// The `text/event-stream` format the broker's `GET /events` speaks, written and read by
// the same two functions, so the broker, its tests, the widget, e2e and bench agree.

/** One server-sent event. */
export interface SseFrame {
  /** The last `id:` seen on the stream so far (it carries over, as in the EventSource spec). */
  id: string | undefined;
  /** The `event:` field; `message` when the frame has none. */
  event: string;
  /** The `data:` lines joined by `\n`. */
  data: string;
}

/**
 * One frame as text: `id:` (when given), `event:`, one `data:` line per line of `data`,
 * and the blank line that ends it.
 */
export function formatSseFrame(frame: {
  id?: string | number;
  event: string;
  data: string;
}): string {
  const id = frame.id === undefined ? '' : `id: ${frame.id}\n`;
  const data = frame.data.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`);
  return `${id}event: ${frame.event}\n${data.join('')}\n`;
}

/**
 * An incremental `text/event-stream` parser (WHATWG rules): feed it decoded text in
 * chunks split anywhere (CRLF, CR or LF line ends); `onFrame` gets every complete frame
 * that has data, `onComment` every comment line (`: ping`) without its colon and one
 * leading space. `retry:` and unknown fields are ignored.
 */
export function createSseParser(
  onFrame: (frame: SseFrame) => void,
  onComment?: (text: string) => void,
): (chunk: string) => void {
  let rest = '';
  let id: string | undefined;
  let event = '';
  let data: string[] = [];
  return (chunk) => {
    const text = rest + chunk;
    // A CR at the very end may be the first half of a CRLF: keep it for the next chunk.
    const end = text.endsWith('\r') ? text.length - 1 : text.length;
    const lines = text.slice(0, end).split(/\r\n|\r|\n/);
    rest = lines.pop() + text.slice(end);
    for (const line of lines) {
      if (line === '') {
        if (data.length) onFrame({ id, event: event || 'message', data: data.join('\n') });
        event = '';
        data = [];
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
      if (field === '') onComment?.(value);
      else if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
      else if (field === 'id' && !value.includes('\0')) id = value;
    }
  };
}
