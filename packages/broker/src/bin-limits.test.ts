import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BinRun, buildBin, runBin } from './test-support/bin-process';
import { JWT_SECRET, WEBHOOK_SECRET } from './test-support/helpers';

let binFile: string;
let dir: string;
beforeAll(async () => {
  binFile = await buildBin();
  dir = await mkdtemp(join(tmpdir(), 'dotskit-bin-limits-'));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const runs: BinRun[] = [];
afterEach(async () => {
  for (const r of runs.splice(0)) {
    r.child.kill('SIGTERM');
    await r.exit;
  }
});

// Nothing here reaches Dots: the guards and timeouts act first.
const start = (env: Record<string, string>): BinRun => {
  const r = runBin(
    binFile,
    {
      DOTS_CLIENT_ID: 'client',
      DOTS_API_KEY: 'key_never_used_upstream',
      DOTS_ENVIRONMENT: 'http://127.0.0.1:9/api',
      DOTSKIT_JWT_SECRET: JWT_SECRET,
      DOTS_WEBHOOK_SECRET: WEBHOOK_SECRET,
      DATABASE_URL: 'memory:',
      PORT: '0',
      ...env,
    },
    dir,
  );
  runs.push(r);
  return r;
};

/** A raw connection to the bin, its received text, and when (ms after connecting) it closed. */
async function open(url: string) {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  const opened = Date.now();
  const state = { text: '', closedAfterMs: -1 };
  socket.on('data', (d) => {
    state.text += d;
  });
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      state.closedAfterMs = Date.now() - opened;
      resolve();
    }),
  );
  return { socket, state, closed };
}

describe('dotskit-broker server limits', () => {
  // Short limits make the test quick; the assertion is only that the connection is cut
  // (with a 408) long before Node's 300 s default, not a precise duration.
  const short = { HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '600' };

  it('cuts off a client that dribbles a webhook body (408), unauthenticated route included', async () => {
    const url = await start(short).listening();
    const c = await open(url);
    c.socket.write(
      'POST /webhooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":',
    );
    await c.closed;
    expect(c.state.text).toMatch(/^HTTP\/1\.1 408/);
    expect(c.state.closedAfterMs).toBeLessThan(10_000);
  });

  it('cuts off a client that never finishes its headers', async () => {
    const url = await start(short).listening();
    const c = await open(url);
    c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    await c.closed;
    expect(c.state.text).toMatch(/^HTTP\/1\.1 408/);
    expect(c.state.closedAfterMs).toBeLessThan(10_000);
  });

  it('closes connections beyond MAX_CONNECTIONS at once', async () => {
    const url = await start({ MAX_CONNECTIONS: '2' }).listening();
    const held = [await open(url), await open(url)];
    const extra = await open(url);
    await extra.closed;
    expect(extra.state.text).toBe('');
    // The held ones still work.
    held[0]?.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await held[0]?.closed;
    expect(held[0]?.state.text).toMatch(/^HTTP\/1\.1 200/);
    held[1]?.socket.destroy();
  });

  it.each([
    [{ REQUEST_TIMEOUT_MS: 'soon' }, /REQUEST_TIMEOUT_MS must be a whole number/],
    [{ MAX_CONNECTIONS: '0' }, /MAX_CONNECTIONS must be a whole number from 1/],
    [
      { HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' },
      /must not exceed REQUEST_TIMEOUT_MS/,
    ],
  ])('refuses %j with one line', async (env, message) => {
    const r = start(env);
    expect(await r.exit).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
