// autocannon as a promise, with the figures the tables need.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

/**
 * Runs autocannon for `duration` seconds with `connections` keep-alive connections.
 * `requests` is autocannon's request list (setupRequest may sign or vary each request).
 * Resolves { rps, p50, p99, total, non2xx, errors, timeouts }.
 */
export function load({ url, connections, duration, requests, headers, method, body }) {
  return new Promise((resolve, reject) => {
    const opts = { url, connections, duration, pipelining: 1, timeout: 10 };
    // autocannon treats an explicit `undefined` as a value: pass only what is set.
    for (const [k, v] of Object.entries({ requests, headers, method, body })) {
      if (v !== undefined) opts[k] = v;
    }
    autocannon(opts, (err, result) => {
      if (err) return reject(err);
      resolve({
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        total: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statuses: Object.entries(result.statusCodeStats ?? {})
          .map(([code, v]) => `${code}×${v.count}`)
          .join(' '),
      });
    });
  });
}

/** Throws when a load run got errors or non-2xx answers: its figures would be meaningless. */
export function assertClean(label, r) {
  if (r.total === 0) throw new Error(`${label}: no request completed`);
  if (r.non2xx > 0 || r.errors > 0) {
    throw new Error(
      `${label}: ${r.non2xx} non-2xx and ${r.errors} errors in ${r.total} requests (statuses ${r.statuses})`,
    );
  }
}
