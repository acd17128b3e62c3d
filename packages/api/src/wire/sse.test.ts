import { describe, expect, it } from 'vitest';
import { createSseParser, formatSseFrame, type SseFrame } from './sse';

function collect() {
  const frames: SseFrame[] = [];
  const comments: string[] = [];
  const feed = createSseParser(
    (f) => frames.push(f),
    (c) => comments.push(c),
  );
  return { frames, comments, feed };
}

describe('SSE frames', () => {
  it('formats what the parser reads back, id, event and multi-line data included', () => {
    const text =
      formatSseFrame({ id: 7, event: 'flow.updated', data: '{"id":"f1"}' }) +
      formatSseFrame({ event: 'note', data: 'a\nb\r\nc' });
    expect(text.startsWith('id: 7\nevent: flow.updated\ndata: {"id":"f1"}\n\n')).toBe(true);
    const { frames, feed } = collect();
    feed(text);
    expect(frames).toEqual([
      { id: '7', event: 'flow.updated', data: '{"id":"f1"}' },
      // The last id carries over to a frame without one (EventSource rules).
      { id: '7', event: 'note', data: 'a\nb\nc' },
    ]);
  });

  it('keeps U+2028 inside one data line (JSON.stringify does not escape it)', () => {
    const data = JSON.stringify({ memo: 'a\u2028b' });
    const { frames, feed } = collect();
    feed(formatSseFrame({ event: 'x', data }));
    expect(JSON.parse(frames[0]?.data ?? '')).toEqual({ memo: 'a\u2028b' });
  });

  it('reads a stream split at every position, with CRLF, CR or LF line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const stream = [
        ': ping',
        'id: 1',
        'event: a',
        'data: {"n":1}',
        '',
        'data:2',
        'data: 3',
        '',
        '',
      ].join(eol);
      for (let cut = 0; cut <= stream.length; cut++) {
        const { frames, comments, feed } = collect();
        feed(stream.slice(0, cut));
        feed(stream.slice(cut));
        // A CR that ends the text read so far may be half a CRLF: it counts once more arrives.
        if (eol === '\r') feed('\n');
        expect(frames, `${JSON.stringify(eol)} cut at ${cut}`).toEqual([
          { id: '1', event: 'a', data: '{"n":1}' },
          { id: '1', event: 'message', data: '2\n3' },
        ]);
        expect(comments).toEqual(['ping']);
      }
    }
  });

  it('ignores frames without data, retry and unknown fields; an incomplete frame waits', () => {
    const { frames, feed } = collect();
    feed('event: empty\n\nretry: 10\nfoo: bar\ndata: x\n\ndata: pending\n');
    expect(frames).toEqual([{ id: undefined, event: 'message', data: 'x' }]);
    feed('\n');
    expect(frames[1]?.data).toBe('pending');
  });
});
