import pino, { type DestinationStream } from 'pino';

/** Runs `fn` every `ms` until the returned function is called. */
export type Every = (ms: number, fn: () => void) => () => void;

/** An `Every` on `setInterval` that never keeps the process alive. */
export const systemEvery: Every = (ms, fn) => {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/** Options of {@link createBufferedLogDestination}. */
export interface BufferedLogOptions {
  /** A file descriptor or file path. Default: stdout. */
  dest?: number | string;
  /** Bytes held before a write is started. Default: 4096. */
  minLength?: number;
  /** The longest a line waits in the buffer, in ms. Default: 250. */
  flushEveryMs?: number;
  /** The timer behind `flushEveryMs` (tests inject their own). Default: {@link systemEvery}. */
  every?: Every;
  /**
   * Bytes held at most while the destination cannot keep up (a stalled log reader on the
   * other end of a pipe); lines past it are dropped and counted in `dropped()`, so that
   * memory stays bounded. Default: 16 MiB (about 100,000 request lines).
   */
  maxBufferBytes?: number;
}

/** The default buffered destination of the broker's own logger. */
export interface BufferedLogDestination {
  /** What pino writes to. */
  stream: DestinationStream;
  /** Starts writing what is buffered; resolves once it is written. */
  flush(): Promise<void>;
  /** Writes what is buffered now (blocking) and stops the timer; lines logged later wait for the exit flush. */
  close(): void;
  /** Lines dropped so far because `maxBufferBytes` were already waiting. */
  dropped(): number;
}

/** pino's destination (a sonic-boom), whose `destroyed` flag its types leave out. */
type SonicBoom = ReturnType<typeof pino.destination> & { destroyed?: boolean };

/**
 * A buffered, asynchronous pino destination: lines are written in chunks of `minLength`
 * bytes, or every `flushEveryMs`, whichever comes first, instead of one `fs.write` per line
 * (that write, a thread-pool hop each, was about 8 % of the broker's CPU per GET). pino
 * flushes it synchronously on process `exit` (an uncaught exception included); a SIGKILL,
 * an OOM kill or a power cut loses what is buffered: at most `minLength` bytes or
 * `flushEveryMs` of lines. While the output cannot keep up, at most `maxBufferBytes` wait
 * and later lines are dropped (counted by `dropped()`), where a synchronous destination
 * would have blocked the event loop instead. Lifecycle: the timer runs until {@link BufferedLogDestination.close}.
 */
export function createBufferedLogDestination(
  options: BufferedLogOptions = {},
): BufferedLogDestination {
  const stream: SonicBoom = pino.destination({
    dest: options.dest ?? 1,
    minLength: options.minLength ?? 4096,
    maxLength: options.maxBufferBytes ?? 16 * 1024 * 1024,
    sync: false,
  });
  let dropped = 0;
  stream.on('drop', () => {
    dropped++;
  });
  const flush = () =>
    new Promise<void>((resolve, reject) => {
      if (stream.destroyed) return resolve();
      stream.flush((err) => (err ? reject(err) : resolve()));
    });
  const stop = (options.every ?? systemEvery)(options.flushEveryMs ?? 250, () => {
    // A failed periodic write is reported by the stream's own `error` event.
    if (!stream.destroyed) stream.flush(() => undefined);
  });
  return {
    stream,
    flush,
    close() {
      stop();
      if (!stream.destroyed) stream.flushSync();
    },
    dropped: () => dropped,
  };
}
