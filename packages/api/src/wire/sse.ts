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
    // A CR that ends the text so far may be half a CRLF: it stays in `rest` for now.
    const lines = (rest + chunk).split(/\r\n|\r(?!$)|\n/);
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line) {
        if (data.length) onFrame({ id, event: event || 'message', data: data.join('\n') });
        event = '';
        data = [];
        continue;
      }
      // `field: value` (one space after the colon is not part of the value), or `field`.
      const [, field, value = ''] = /^([^:]*):? ?(.*)/s.exec(line) ?? [];
      if (!field) onComment?.(value);
      else if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
      else if (field === 'id' && !value.includes('\0')) id = value;
    }
  };
}
