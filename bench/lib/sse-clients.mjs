// Many concurrent SSE clients in one process, on raw node:http sockets (one per stream),
// recording when each "ping" event arrives. Pings carry {"seq":n,"t":<send time ms>}.
import http from 'node:http';
import { createSseParser } from '@dotskit/api/wire';
import { nowMs } from './stats.mjs';

/**
 * Opens `count` streams to `url` (GET, `Accept: text/event-stream`), stream i authenticated
 * with `tokenFor(i)`, at most `parallel` handshakes at a time. Resolves a handle with
 * `deliveries` (seq → delay in ms, first arrival wins), `waitFor(seqs, timeoutMs)` and
 * `close()`. Rejects when a stream does not answer 200, or when opening them all takes
 * longer than `budgetMs` (the message says how many opened).
 */
export async function openStreams({
  url,
  count,
  tokenFor,
  parallel = 200,
  budgetMs = Number.POSITIVE_INFINITY,
}) {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const requests = [];
  const deliveries = new Map();
  let waiter = null;
  const onPing = (seq, t) => {
    if (!deliveries.has(seq)) deliveries.set(seq, nowMs() - t);
    waiter?.();
  };
  const openOne = (i) =>
    new Promise((resolve, reject) => {
      const req = http.get(
        url,
        { agent, headers: { accept: 'text/event-stream', authorization: `Bearer ${tokenFor(i)}` } },
        (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            reject(new Error(`stream ${i} answered ${res.statusCode}`));
            return;
          }
          res.setEncoding('utf8');
          res.on(
            'data',
            createSseParser((frame) => {
              const { seq, t } = JSON.parse(frame.data);
              if (typeof seq === 'number' && typeof t === 'number') onPing(seq, t);
            }),
          );
          res.on('error', () => {});
          resolve();
        },
      );
      req.on('error', reject);
      requests.push(req);
    });
  let next = 0;
  let opened = 0;
  const deadline = performance.now() + budgetMs;
  const worker = async () => {
    while (next < count) {
      if (performance.now() > deadline) {
        const s = budgetMs / 1000;
        throw new Error(
          `only ${opened} of ${count} streams opened within ${s} s (${Math.round(opened / s)} streams/s)`,
        );
      }
      await openOne(next++);
      opened++;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  } catch (err) {
    for (const r of requests) r.destroy();
    agent.destroy();
    throw err;
  }
  return {
    deliveries,
    /** Resolves when every seq in `seqs` arrived, or after `timeoutMs` (missing ones stay missing). */
    waitFor(seqs, timeoutMs) {
      return new Promise((resolve) => {
        const done = () => seqs.every((s) => deliveries.has(s));
        const timer = setTimeout(finish, timeoutMs);
        function finish() {
          clearTimeout(timer);
          waiter = null;
          resolve();
        }
        waiter = () => done() && finish();
        if (done()) finish();
      });
    },
    close() {
      for (const r of requests) r.destroy();
      agent.destroy();
    },
  };
}

/** The soft limit on open files of processes started from here (`ulimit -n`). */
export async function fileLimit() {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' });
  const n = Number(r.stdout.trim());
  return Number.isFinite(n) ? n : r.stdout.trim() === 'unlimited' ? Number.POSITIVE_INFINITY : null;
}
