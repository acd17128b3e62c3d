#!/usr/bin/env node
// Benchmark (not a test) of @dotskit/broker on loopback, every server in its own process:
//  1. GET /flows/:id through the broker (JWT check, rate limiter, ownership lookup on SQLite,
//     upstream call to the sandbox) vs a bare Express pass-through proxy (node:http keep-alive
//     agent, and global fetch) vs the sandbox directly; throughput, p50/p99 and ratios.
//  2. Webhook ingest on SQLite (svix verify + dedupe + durable insert), events/s.
//  3. N concurrent SSE streams on one broker process: RSS, and p99 time from a webhook's 2xx
//     to the event arriving on the owner's stream (the broker refreshes the flow from Dots).
// Usage: node bench/broker-overhead.mjs [--duration 10] [--connections 50] [--sse 1000,10000] [--quick]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cannon, jwt, measureGet, svixSigner } from './lib/clients.mjs';
import { children, rpc, spawnServer, stop } from './lib/processes.mjs';
import { BASIC } from './lib/shared.mjs';
import { sseRun } from './lib/sse-run.mjs';

// ── main ──────────────────────────────────────────────────────────────────────────────
async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      sse: { type: 'string', default: '1000,10000' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string', default: 'get,ingest,sse' },
      targets: { type: 'string' },
    },
  });
  const duration = values.quick ? 4 : Number(values.duration);
  const connections = Number(values.connections);
  const dir = mkdtempSync(path.join(tmpdir(), 'dotskit-broker-bench-'));
  const out = (line) => process.stdout.write(`${line}\n`);
  const parts = new Set(values.only.split(','));
  const wanted = (label) =>
    !values.targets || values.targets.split(',').some((t) => label.includes(t));
  try {
    const sandbox = await spawnServer('sandbox', {});
    const sandboxUrl = sandbox.url;
    const dbFile = path.join(dir, 'get.db');

    if (parts.has('get')) {
      out(
        `# GET /flows/:id — ${connections} connections, ${duration} s each (after a 2 s warm-up), loopback, 2 vCPU`,
      );
      const first = await spawnServer('broker', { sandboxUrl, dbFile });
      const { ids } = await rpc(first, { op: 'createFlows', owners: ['bench'] });
      await stop(first);
      const flowId = ids[0];
      const bearer = { authorization: `Bearer ${await jwt('bench')}` };
      const rows = [];
      if (wanted('sandbox directly'))
        rows.push(
          await measureGet(
            'sandbox directly',
            `${sandboxUrl}/api/v2/flows/${flowId}`,
            { authorization: BASIC },
            { duration, connections, pid: sandbox.child.pid },
          ),
        );
      for (const kind of ['proxy-http', 'proxy-fetch']) {
        const proxy = await spawnServer(kind, { sandboxUrl });
        const label =
          kind === 'proxy-http'
            ? 'bare Express proxy (node:http keep-alive)'
            : 'bare Express proxy (global fetch)';
        if (!wanted(label)) {
          await stop(proxy);
          continue;
        }
        rows.push(
          await measureGet(
            label,
            `${proxy.url}/flows/${flowId}`,
            {},
            {
              duration,
              connections,
              pid: proxy.child.pid,
            },
          ),
        );
        await stop(proxy);
      }
      const variants = [
        ['broker: defaults (SQLite FULL, limiter in memory, keep-alive transport)', {}],
        ['broker: defaults but global fetch transport', { transport: 'global-fetch' }],
        ['broker: limiter counted in SQLite FULL (shared)', { sharedLimiter: true }],
        [
          'broker: limiter counted in SQLite NORMAL (shared)',
          { sharedLimiter: true, synchronous: 'normal' },
        ],
        ['broker: rate limiter off', { rateLimit: false }],
        ['broker: memory store', { store: 'memory' }],
      ];
      for (const [label, variant] of variants) {
        if (!wanted(label)) continue;
        const broker = await spawnServer('broker', { sandboxUrl, dbFile, ...variant });
        if (variant.store === 'memory')
          await rpc(broker, { op: 'createFlows', owners: ['bench'] }).then(
            (r) => (broker.flowId = r.ids[0]),
          );
        rows.push(
          await measureGet(label, `${broker.url}/flows/${broker.flowId ?? flowId}`, bearer, {
            duration,
            connections,
            pid: broker.child.pid,
          }),
        );
        await stop(broker);
      }
      const proxyRow = rows.find((r) => r.name.includes('node:http')) ?? rows[0];
      out(
        '| target | req/s | p50 ms | p99 ms | req/s vs node:http proxy | p99 vs node:http proxy | server CPU µs/req |',
      );
      out('|---|---:|---:|---:|---:|---:|---:|');
      for (const r of rows) {
        out(
          `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${(r.rps / proxyRow.rps).toFixed(2)}× | ${(r.p99 / proxyRow.p99).toFixed(2)}× | ${r.cpuPerRequestUs.toFixed(0)} |`,
        );
      }
    }

    if (parts.has('ingest')) {
      out(
        '\n# Webhook ingest on SQLite (svix verify + dedupe + durable insert with group commit), 20 connections',
      );
      for (const synchronous of ['full', 'normal']) {
        const broker = await spawnServer('broker', {
          sandboxUrl,
          dbFile: path.join(dir, `ingest-${synchronous}.db`),
          synchronous,
        });
        const sign = await svixSigner();
        const r = await cannon({
          url: `${broker.url}/webhooks`,
          connections: 20,
          duration,
          requests: [
            {
              method: 'POST',
              setupRequest: (req) => {
                const body = JSON.stringify({ event: 'flow.updated', flow_id: randomUUID() });
                return { ...req, body, headers: sign(`msg_${randomUUID()}`, body) };
              },
            },
          ],
        });
        const { count } = await rpc(broker, { op: 'countWebhooks' });
        await stop(broker);
        out(
          `| synchronous=${synchronous} | ${r.requests.average.toFixed(0)} events/s | p99 ${r.latency.p99} ms | 2xx ${r['2xx']} | stored ${count} | non-2xx ${r.non2xx} ${JSON.stringify(r.statusCodeStats)} |`,
        );
      }
    }

    if (parts.has('sse')) {
      const sizes = values.quick ? [1000] : values.sse.split(',').map(Number);
      out(
        '\n# Concurrent SSE streams on one broker process (SQLite); latency = webhook 2xx → event on the stream',
      );
      out(
        '| streams | open time s | RSS before MB | RSS with streams MB | per stream KB | p50 ms | p99 ms | samples |',
      );
      out('|---:|---:|---:|---:|---:|---:|---:|---:|');
      for (const n of sizes) {
        try {
          const r = await sseRun(sandboxUrl, n, dir);
          out(
            `| ${n} | ${r.openSeconds.toFixed(1)} | ${r.baseline.toFixed(0)} | ${r.rss.toFixed(0)} | ${(((r.rss - r.baseline) * 1024) / n).toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.samples} |`,
          );
        } catch (err) {
          out(`| ${n} | not run: ${err instanceof Error ? err.message : err} |`);
        }
      }
    }
    await stop(sandbox);
  } finally {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});
