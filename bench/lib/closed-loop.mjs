// A closed-loop GET load with sub-millisecond latencies, for rows whose target is a ratio
// of small p99s (cost growth): autocannon's histogram keeps whole milliseconds, so a 3 ms
// p99 could only read 3 or 4 and a 1.5× target would turn on rounding.
import http from 'node:http';
import { percentile } from './stats.mjs';

/**
 * Runs `connections` loops for `duration` seconds, each sending `GET nextPath()` to `url`
 * over its own keep-alive socket as soon as the previous answer has been read. Resolves
 * `{ rps, p50, p99, total, non2xx, errors, statuses }` (latencies in ms, 0.01 ms steps).
 * A non-2xx answer or a socket error is counted, not thrown; use assertClean on the result.
 */
export async function closedLoop({ url, connections, duration, headers = {}, nextPath }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  const statuses = new Map();
  let errors = 0;
  const started = performance.now();
  const until = started + duration * 1000;
  const once = (path) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.get(new URL(path, url), { agent, headers }, (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          latencies.push(performance.now() - t0);
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
    });
  const loop = async () => {
    while (performance.now() < until) await once(nextPath());
  };
  try {
    await Promise.all(Array.from({ length: connections }, loop));
  } finally {
    agent.destroy();
  }
  const elapsed = (performance.now() - started) / 1000;
  const r2 = (v) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    rps: latencies.length / elapsed,
    p50: r2(percentile(latencies, 50)),
    p99: r2(percentile(latencies, 99)),
    total: latencies.length,
    non2xx: [...statuses].reduce((n, [code, c]) => (code >= 200 && code < 300 ? n : n + c), 0),
    errors,
    statuses: [...statuses].map(([code, c]) => `${code}×${c}`).join(' '),
  };
}
