// Load generation and clients: autocannon, JWTs, Svix signatures, SSE streams.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createSseParser } from '@dotskit/api/wire';
import { JWT_SECRET, WEBHOOK_SECRET } from './shared.mjs';

export async function cannon(opts) {
  const { default: autocannon } = await import('autocannon');
  return new Promise((resolve, reject) =>
    autocannon(opts, (err, r) => (err ? reject(err) : resolve(r))),
  );
}
/** CPU time (user + system) a process has used, in ms, from /proc (10 ms resolution). */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Warm-up, then a measured autocannon run. `pid` is the target server's process: its CPU
 * time per request is reported too, a figure that a busy machine disturbs far less than
 * throughput does.
 */
export async function measureGet(name, url, headers, { duration, connections, pid }) {
  await cannon({ url, headers, connections, duration: 2 });
  const cpuBefore = pid ? cpuMs(pid) : 0;
  const r = await cannon({ url, headers, connections, duration });
  const cpuPerRequestUs = pid ? ((cpuMs(pid) - cpuBefore) * 1000) / r.requests.total : Number.NaN;
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpuPerRequestUs };
}
export async function jwt(sub) {
  const { SignJWT } = await import('jose');
  return new SignJWT({ scope: 'flows:read flows:write payouts:read payout_links:read' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(JWT_SECRET));
}
export async function svixSigner() {
  const { Webhook } = await import('svix');
  const wh = new Webhook(WEBHOOK_SECRET);
  return (id, body) => ({
    'content-type': 'application/json',
    'svix-id': id,
    'svix-timestamp': String(Math.floor(Date.now() / 1000)),
    'svix-signature': wh.sign(id, new Date(), body),
  });
}
export const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

export function openStream(url, bearer, onEvent) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${url}/events`,
      { agent: false, headers: { authorization: `Bearer ${bearer}`, accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`SSE status ${res.statusCode}`));
        res.setEncoding('utf8');
        // The broker opens every stream with `retry: 3000` and a `: connected` comment.
        const feed = createSseParser(
          (frame) => onEvent(JSON.parse(frame.data)),
          (comment) => comment === 'connected' && resolve(req),
        );
        res.on('data', feed);
      },
    );
    req.on('error', reject);
  });
}
