#!/usr/bin/env node
// Benchmark (not a test) of @dotskit/broker on loopback, every server in its own process:
//  1. GET /flows/:id through the broker (JWT check, rate limiter, ownership lookup on SQLite,
//     upstream call to the sandbox) vs a bare Express pass-through proxy (node:http keep-alive
//     agent, and global fetch) vs the sandbox directly; throughput, p50/p99 and ratios.
//  2. Webhook ingest on SQLite (svix verify + dedupe + durable insert), events/s.
//  3. N concurrent SSE streams on one broker process: RSS, and p99 time from a webhook's 2xx
//     to the event arriving on the owner's stream (the broker refreshes the flow from Dots).
// Usage: node bench/broker-overhead.mjs [--duration 10] [--connections 50] [--sse 1000,10000] [--quick]
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const self = fileURLToPath(import.meta.url);
const brokerDir = path.resolve(path.dirname(self), '..');
const sandboxDir = path.resolve(brokerDir, '..', 'sandbox');
const CLIENT_ID = 'bench_client';
const API_KEY = 'bench_api_key_never_printed_0123456789';
const JWT_SECRET = 'bench-jwt-secret-bench-jwt-secret-0123456789';
const WEBHOOK_SECRET = `whsec_${Buffer.from('dotskit-broker-bench-webhook-secret').toString('base64')}`;
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${API_KEY}`).toString('base64')}`;

// ── loading the packages: dist/ when fresh, else src/ bundled with esbuild ─────────────
const newest = (dir) =>
  Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs,
    ),
  );
async function load(dir) {
  const dist = path.join(dir, 'dist', 'index.js');
  if (existsSync(dist) && statSync(dist).mtimeMs >= newest(path.join(dir, 'src')))
    return import(pathToFileURL(dist).href);
  const out = path.join(
    dir,
    'node_modules',
    '.cache',
    'dotskit-broker-bench',
    `index-${process.pid}.mjs`,
  );
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(dir, 'src', 'index.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@dotskit/source'],
    logLevel: 'error',
    plugins: [
      {
        name: 'external-npm',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (a) =>
            a.path.startsWith('@dotskit/') ? undefined : { external: true },
          );
        },
      },
    ],
  });
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(out, { force: true });
  }
}

// ── child processes ───────────────────────────────────────────────────────────────────
const children = new Set();
function spawnServer(kind, config) {
  return new Promise((resolve, reject) => {
    const execArgv =
      kind === 'broker' && process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : [];
    const child = fork(self, ['--serve', kind], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env },
      execArgv,
    });
    children.add(child);
    child.send(config);
    child.once('message', (m) => resolve({ child, ...m }));
    child.once('exit', (code) => reject(new Error(`${kind} exited (${code})`)));
  });
}
function stop(server) {
  server.child.removeAllListeners('exit');
  server.child.kill('SIGTERM');
  children.delete(server.child);
  return new Promise((resolve) => server.child.once('exit', resolve));
}
const rpc = (server, msg) =>
  new Promise((resolve) => {
    server.child.once('message', resolve);
    server.child.send(msg);
  });
const rssMb = (pid) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function serve(kind, config) {
  const listen = (handler) =>
    new Promise((resolve) => {
      const server = http.createServer(handler);
      server.keepAliveTimeout = 30_000;
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
  if (kind === 'sandbox') {
    const { startSandbox } = await load(sandboxDir);
    const sb = await startSandbox({ clientId: CLIENT_ID, apiKey: API_KEY });
    process.send({ url: sb.url });
    return;
  }
  const { default: express } = await import('express');
  if (kind === 'proxy-http' || kind === 'proxy-fetch') {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    const upstream = new URL(config.sandboxUrl);
    const app = express();
    app.get('/flows/:id', async (req, res) => {
      if (kind === 'proxy-fetch') {
        const r = await fetch(`${config.sandboxUrl}/api/v2/flows/${req.params.id}`, {
          headers: { authorization: BASIC },
        });
        res
          .status(r.status)
          .type('application/json')
          .send(Buffer.from(await r.arrayBuffer()));
        return;
      }
      const up = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: `/api/v2/flows/${req.params.id}`,
          agent,
          headers: { authorization: BASIC },
        },
        (r) => {
          res.status(r.statusCode ?? 502).type(r.headers['content-type'] ?? 'application/json');
          r.pipe(res);
        },
      );
      up.on('error', () => res.status(502).end());
      up.end();
    });
    const server = await listen(app);
    process.send({ url: `http://127.0.0.1:${server.address().port}` });
    return;
  }
  // broker
  const broker = await load(brokerDir);
  const { default: pino } = await import('pino');
  const store =
    config.store === 'memory'
      ? broker.createMemoryStore()
      : broker.createSqliteStore({
          filename: config.dbFile,
          synchronous: config.synchronous ?? 'full',
        });
  const router = broker.createBroker({
    dots: {
      clientId: CLIENT_ID,
      apiKey: API_KEY,
      environment: { baseUrl: `${config.sandboxUrl}/api` },
      ...(config.transport === 'global-fetch' ? { fetch: globalThis.fetch } : {}),
    },
    auth: { jwtSecret: JWT_SECRET },
    store,
    webhookSecret: WEBHOOK_SECRET,
    // The limiter stays on (its store round trips are part of the cost) with limits never reached.
    rateLimit: config.rateLimit === false ? false : { perPrincipal: 1e9, perIp: 1e9 },
    // Default level (info): one line per request, serialised, written to /dev/null.
    logger: pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false })),
    heartbeatMs: 15_000,
  });
  await router.ready();
  const app = express();
  app.use('/', router);
  const server = await listen(app);
  process.on('message', async (msg) => {
    if (msg.op === 'createFlows') {
      const ids = [];
      for (let i = 0; i < msg.owners.length; i++)
        ids.push((await router.flows.create(msg.owners[i], { steps: ['compliance'] })).id);
      process.send({ ids });
    } else if (msg.op === 'countWebhooks')
      process.send({ count: await store.countWebhookEvents() });
  });
  process.on('SIGTERM', async () => {
    server.closeAllConnections();
    await router.close();
    process.exit(0);
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ url: `http://127.0.0.1:${server.address().port}`, pid: process.pid });
}

// ── load generation ───────────────────────────────────────────────────────────────────
async function cannon(opts) {
  const { default: autocannon } = await import('autocannon');
  return new Promise((resolve, reject) =>
    autocannon(opts, (err, r) => (err ? reject(err) : resolve(r))),
  );
}
async function measureGet(name, url, headers, { duration, connections }) {
  await cannon({ url, headers, connections, duration: 2 });
  const r = await cannon({ url, headers, connections, duration });
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}
async function jwt(sub) {
  const { SignJWT } = await import('jose');
  return new SignJWT({ scope: 'flows:read flows:write payouts:read payout_links:read' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(JWT_SECRET));
}
async function svixSigner() {
  const { Webhook } = await import('svix');
  const wh = new Webhook(WEBHOOK_SECRET);
  return (id, body) => ({
    'content-type': 'application/json',
    'svix-id': id,
    'svix-timestamp': String(Math.floor(Date.now() / 1000)),
    'svix-signature': wh.sign(id, new Date(), body),
  });
}
const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

// ── SSE clients ───────────────────────────────────────────────────────────────────────
function openStream(url, bearer, onEvent) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${url}/events`,
      { agent: false, headers: { authorization: `Bearer ${bearer}`, accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`SSE status ${res.statusCode}`));
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (frame.includes('retry:')) resolve(req);
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (data) onEvent(JSON.parse(data));
          }
        });
      },
    );
    req.on('error', reject);
  });
}

async function sseRun(sandboxUrl, n, dir) {
  const broker = await spawnServer('broker', { sandboxUrl, dbFile: path.join(dir, `sse-${n}.db`) });
  try {
    const baseline = rssMb(broker.pid);
    const waiting = new Map();
    const sockets = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i += 250) {
      const batch = [];
      for (let j = i; j < Math.min(n, i + 250); j++) {
        batch.push(
          jwt(`sse-${j}`).then((t) =>
            openStream(broker.url, t, (flow) => {
              const resolve = waiting.get(flow.id);
              if (resolve && flow.completed_steps) resolve(performance.now());
            }),
          ),
        );
      }
      sockets.push(...(await Promise.all(batch)));
    }
    const openSeconds = (performance.now() - t0) / 1000;
    global.gc?.();
    await new Promise((r) => setTimeout(r, 500));
    const rss = rssMb(broker.pid);
    const samples = Math.min(200, n);
    const owners = Array.from(
      { length: samples },
      (_, k) => `sse-${Math.floor((k * n) / samples)}`,
    );
    const { ids } = await rpc(broker, { op: 'createFlows', owners });
    const sign = await svixSigner();
    const latencies = [];
    for (let k = 0; k < ids.length; k += 10) {
      await Promise.all(
        ids.slice(k, k + 10).map(async (flowId) => {
          const arrived = new Promise((resolve) => waiting.set(flowId, resolve));
          const body = JSON.stringify({ event: 'flow.updated', flow_id: flowId });
          const res = await fetch(`${broker.url}/webhooks`, {
            method: 'POST',
            headers: sign(`msg_${randomUUID()}`, body),
            body,
          });
          const accepted = performance.now();
          if (res.status !== 200) throw new Error(`webhook ${res.status}`);
          latencies.push(Math.max(0, (await arrived) - accepted));
        }),
      );
    }
    for (const s of sockets) s.destroy();
    return {
      n,
      openSeconds,
      baseline,
      rss,
      p50: pct(latencies, 50),
      p99: pct(latencies, 99),
      samples: latencies.length,
    };
  } finally {
    await stop(broker);
  }
}

// ── main ──────────────────────────────────────────────────────────────────────────────
async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      sse: { type: 'string', default: '1000,10000' },
      quick: { type: 'boolean', default: false },
      serve: { type: 'string' },
      only: { type: 'string', default: 'get,ingest,sse' },
      targets: { type: 'string' },
    },
  });
  if (values.serve) {
    process.once('message', (config) => serve(values.serve, config));
    return;
  }
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
            { duration, connections },
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
          await measureGet(label, `${proxy.url}/flows/${flowId}`, {}, { duration, connections }),
        );
        await stop(proxy);
      }
      const variants = [
        ['broker: defaults (SQLite synchronous=full, limiter on, keep-alive transport)', {}],
        ['broker: global fetch transport', { transport: 'global-fetch' }],
        ['broker: SQLite synchronous=normal', { synchronous: 'normal' }],
        ['broker: SQLite full, rate limiter off', { rateLimit: false }],
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
          }),
        );
        await stop(broker);
      }
      const proxyRow = rows.find((r) => r.name.includes('node:http')) ?? rows[0];
      out(
        '| target | req/s | p50 ms | p99 ms | req/s vs node:http proxy | p99 vs node:http proxy |',
      );
      out('|---|---:|---:|---:|---:|---:|');
      for (const r of rows) {
        out(
          `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${(r.rps / proxyRow.rps).toFixed(2)}× | ${(r.p99 / proxyRow.p99).toFixed(2)}× |`,
        );
      }
    }

    if (parts.has('ingest')) {
      out(
        '\n# Webhook ingest on SQLite (svix verify + dedupe + insert, synchronous=full), 20 connections',
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
          `| synchronous=${synchronous} | ${r.requests.average.toFixed(0)} events/s | p99 ${r.latency.p99} ms | 2xx ${r['2xx']} | stored ${count} | non-2xx ${r.non2xx} |`,
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
