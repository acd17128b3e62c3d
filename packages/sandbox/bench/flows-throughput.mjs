#!/usr/bin/env node
// Benchmark (not a test): GET /api/v2/flows/:id on the sandbox vs a bare Express handler
// returning the same JSON, 50 connections each, servers in their own processes so that
// autocannon does not share a CPU with them. Needs `pnpm build` first (imports dist/).
// Usage: node bench/flows-throughput.mjs [--duration 5] [--connections 50] [--rounds 3]
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const self = fileURLToPath(import.meta.url);
const AUTH = `Basic ${Buffer.from('sandbox_client_id:sandbox_api_key').toString('base64')}`;

// The child answers 'mark' / 'report' with its CPU time, so the figure per request does not
// depend on how busy the rest of the machine is.
function answerCpu() {
  let mark = process.cpuUsage();
  process.on('message', (m) => {
    if (m === 'mark') {
      mark = process.cpuUsage();
      process.send({ marked: true });
    } else if (m === 'report') {
      const d = process.cpuUsage(mark);
      process.send({ cpuMicros: d.user + d.system });
    }
  });
}

const ask = (child, message, key) =>
  new Promise((resolve) => {
    const on = (m) => {
      if (m && key in m) {
        child.off('message', on);
        resolve(m[key]);
      }
    };
    child.on('message', on);
    child.send(message);
  });

async function serve(kind) {
  answerCpu();
  const { startSandbox } = await import('../dist/index.js');
  const sb = await startSandbox({ port: 0 });
  const res = await fetch(`${sb.url}/api/v2/flows`, {
    method: 'POST',
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ steps: ['compliance', 'manage-payouts'] }),
  });
  const flow = await res.json();
  if (kind === 'sandbox') {
    process.send({ url: `${sb.url}/api/v2/flows/${flow.id}` });
    return;
  }
  await sb.close();
  const { default: express } = await import('express');
  const app = express();
  app.get('/api/v2/flows/:id', (_req, res) => {
    res.json(flow);
  });
  const server = app.listen(0, '127.0.0.1', () => {
    process.send({ url: `http://127.0.0.1:${server.address().port}/api/v2/flows/${flow.id}` });
  });
}

function start(kind) {
  return new Promise((resolve, reject) => {
    const child = fork(self, ['--serve', kind], { stdio: 'inherit' });
    child.once('message', (m) => resolve({ child, url: m.url }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
  });
}

async function measure(kind, duration, connections) {
  const { default: autocannon } = await import('autocannon');
  const { child, url } = await start(kind);
  const headers = { authorization: AUTH };
  // Warm-up, then the measured run.
  await autocannon({ url, connections, duration: 2, headers });
  await ask(child, 'mark', 'marked');
  const r = await autocannon({ url, connections, duration, headers });
  const cpuMicros = await ask(child, 'report', 'cpuMicros');
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`${kind}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return {
    kind,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    cpuPerReq: cpuMicros / r.requests.total,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
    },
  });
  if (values.serve) return serve(values.serve);
  if (!existsSync(new URL('../dist/index.js', import.meta.url))) {
    console.error(
      'Build first: pnpm --filter @dotskit/api build && pnpm --filter @dotskit/sandbox build',
    );
    process.exit(1);
  }
  const duration = Number(values.duration ?? 5);
  const connections = Number(values.connections ?? 50);
  const rounds = Number(values.rounds ?? 3);
  // This machine is shared and noisy: alternate the two servers and keep each one's median round.
  const runs = { 'bare express': [], sandbox: [] };
  for (let i = 0; i < rounds; i++) {
    for (const kind of Object.keys(runs))
      runs[kind].push(await measure(kind, duration, connections));
  }
  const median = (list) => [...list].sort((a, b) => a.rps - b.rps)[Math.floor(list.length / 2)];
  const bare = median(runs['bare express']);
  const sandbox = median(runs.sandbox);
  const row = (r) =>
    `| ${r.kind.padEnd(12)} | ${r.rps.toFixed(0).padStart(8)} | ${String(r.p50).padStart(7)} | ${String(r.p99).padStart(7)} | ${String(r.total).padStart(9)} | ${r.cpuPerReq.toFixed(0).padStart(13)} | ${(1e6 / r.cpuPerReq).toFixed(0).padStart(15)} |`;
  console.log(
    '| server       |    req/s | p50 ms  | p99 ms  |  requests | CPU µs/req    | req/s per core  |',
  );
  console.log(
    '|--------------|----------|---------|---------|-----------|---------------|-----------------|',
  );
  console.log(row(bare));
  console.log(row(sandbox));
  console.log(
    `\nsandbox / bare throughput: ${((sandbox.rps / bare.rps) * 100).toFixed(0)}% (target ≥ 50%)`,
  );
  const cpuBare = median(runs['bare express'].map((r) => ({ rps: 1e6 / r.cpuPerReq })));
  const cpuSandbox = median(runs.sandbox.map((r) => ({ rps: 1e6 / r.cpuPerReq })));
  console.log(
    `sandbox / bare per-core capacity (CPU time per request, load-independent): ${((cpuSandbox.rps / cpuBare.rps) * 100).toFixed(0)}%`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
