import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBufferedLogDestination, type Every } from './log-destination';

/** An `Every` driven by the test: `tick()` runs the scheduled function once. */
function manualEvery() {
  const state = { fn: undefined as (() => void) | undefined, ms: 0, stopped: false };
  const every: Every = (ms, fn) => {
    state.fn = fn;
    state.ms = ms;
    return () => {
      state.stopped = true;
    };
  };
  return { every, state, tick: () => state.fn?.() };
}

let dir: string;
let file: string;
let fd: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dotskit-log-'));
  file = join(dir, 'out.log');
  fd = openSync(file, 'a');
});
afterEach(() => {
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
});

const written = () => readFileSync(file, 'utf8');

describe('buffered log destination', () => {
  it('holds a line until its flush interval fires, then writes it', async () => {
    const clock = manualEvery();
    const dest = createBufferedLogDestination({ dest: fd, every: clock.every });
    pino(dest.stream).info({ route: 'GET /flows/:id' }, 'request');
    expect(clock.state.ms).toBe(250);
    expect(written()).toBe('');
    clock.tick();
    await vi.waitFor(() => expect(written()).toContain('"route":"GET /flows/:id"'));
    dest.close();
  });

  it('writes without waiting for the interval once 4 KiB are buffered', async () => {
    const clock = manualEvery();
    const dest = createBufferedLogDestination({ dest: fd, every: clock.every });
    const logger = pino(dest.stream);
    for (let i = 0; i < 40; i++) logger.info({ i, pad: 'x'.repeat(100) }, 'request');
    await vi.waitFor(() => expect(written().length).toBeGreaterThan(4096));
    dest.close();
  });

  it('close() writes what is buffered before it returns and stops the timer', () => {
    const clock = manualEvery();
    const dest = createBufferedLogDestination({ dest: fd, every: clock.every });
    pino(dest.stream).info('last words');
    dest.close();
    expect(written()).toContain('"msg":"last words"');
    expect(clock.state.stopped).toBe(true);
  });

  it('flush() resolves once the buffered lines are written', async () => {
    const dest = createBufferedLogDestination({ dest: fd, every: manualEvery().every });
    pino(dest.stream).info('flushed');
    await dest.flush();
    expect(written()).toContain('"msg":"flushed"');
    dest.close();
  });

  it('holds at most maxBufferBytes while its reader stalls, and counts the lines it drops', async () => {
    // A FIFO whose reader never reads: the pipe fills, the write in flight blocks.
    const fifo = join(dir, 'stalled');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const dest = createBufferedLogDestination({
      dest: fifo,
      every: manualEvery().every,
      maxBufferBytes: 64 * 1024,
    });
    // Opened before the lines come, so that they fill the pipe rather than wait for the open.
    const opened = dest.stream as unknown as NodeJS.EventEmitter;
    await new Promise((resolve) => opened.once('ready', resolve));
    const logger = pino(dest.stream);
    const line = { route: 'GET /flows/:id', pad: 'x'.repeat(200) };
    for (let i = 0; i < 5_000; i++) logger.info(line, 'request');
    // sonic-boom's own count of the bytes waiting to be written.
    const held = (dest.stream as unknown as { _len: number })._len;
    expect(held).toBeLessThanOrEqual(64 * 1024);
    expect(dest.dropped()).toBeGreaterThan(4_000);
    // The reader goes: the blocked write fails (EPIPE), which frees its thread-pool thread.
    closeSync(reader);
  });

  it('a process that dies of an uncaught exception still writes its buffered lines', async () => {
    // The module as it ships (npm packages external), run in its own process.
    const here = dirname(fileURLToPath(import.meta.url));
    const outfile = join(here, '..', '..', 'node_modules', '.cache', 'dotskit-log-test.mjs');
    await build({
      stdin: {
        contents: `import pino from 'pino';
import { createBufferedLogDestination } from './log-destination';
const dest = createBufferedLogDestination();
pino(dest.stream).info('before the crash');
setImmediate(() => { throw new Error('boom'); });`,
        resolveDir: here,
        loader: 'ts',
      },
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'error',
    });
    const r = spawnSync(process.execPath, [outfile], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('boom');
    expect(r.stdout).toContain('"msg":"before the crash"');
  });
});
