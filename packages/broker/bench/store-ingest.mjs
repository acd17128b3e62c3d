#!/usr/bin/env node
// Benchmark (not a test) of the broker stores alone, side by side: webhook-event inserts/s
// (enqueueJob of a webhook job with a unique svix id, ~1 KB payload), redeliveries rejected/s (same
// svix ids again), and the full persist step of a webhook (insert + appendEvent, which on
// PostgreSQL also NOTIFYs). SQLite runs with synchronous=FULL (default) and NORMAL;
// PostgreSQL is a throwaway cluster with fsync ON (or DOTSKIT_BENCH_PG_URL).
// Usage: node bench/store-ingest.mjs [--events 5000] [--concurrency 32]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '32' },
  },
});
const EVENTS = Number(args.events);
const CONCURRENCY = Number(args.concurrency);
const brokerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ── src/store bundled with esbuild (npm packages stay external, resolved from the broker) ──
async function loadStoreModules() {
  const outdir = path.join(
    brokerDir,
    'node_modules',
    '.cache',
    'dotskit-store-bench',
    String(process.pid),
  );
  const { build } = await import('esbuild');
  await build({
    entryPoints: {
      store: path.join(brokerDir, 'src/store/index.ts'),
      pgServer: path.join(brokerDir, 'src/store/test-support/pg-server.ts'),
      pgDatabase: path.join(brokerDir, 'src/store/test-support/pg-database.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  try {
    const load = (name) => import(pathToFileURL(path.join(outdir, `${name}.mjs`)).href);
    return { ...(await load('store')), ...(await load('pgServer')), ...(await load('pgDatabase')) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const payload = (i) => ({
  type: 'flow.updated',
  timestamp: new Date().toISOString(),
  data: {
    id: `flow_${i}`,
    user_id: `user_${i % 97}`,
    steps: ['compliance', 'id-verification', 'manage-payouts'],
    completed_steps: ['compliance'],
    link: `https://sandbox.example/flow/${i}?${'x'.repeat(700)}`,
  },
});

/** Runs `task(i)` for i in [0, n) with `concurrency` in flight; returns per-op latencies (ms) and wall time. */
async function drive(n, concurrency, task) {
  const latencies = new Float64Array(n);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t = performance.now();
        await task(i);
        latencies[i] = performance.now() - t;
      }
    }),
  );
  const wallMs = performance.now() - started;
  latencies.sort();
  const pct = (p) => latencies[Math.min(n - 1, Math.floor((p / 100) * n))];
  return { perSecond: Math.round((n / wallMs) * 1000), p50: pct(50), p99: pct(99) };
}

async function measure(label, store) {
  await store.init();
  const prefix = `${label.replace(/\W+/g, '_')}_${Date.now()}`;
  const unique = await drive(EVENTS, CONCURRENCY, async (i) => {
    const ok = await store.enqueueJob(
      {
        id: `webhook:${prefix}_${i}`,
        kind: 'webhook',
        payload: { type: 'flow.updated', payload: payload(i), receivedAt: Date.now() },
      },
      { leaseMs: 15_000 },
    );
    if (!ok) throw new Error('unique insert reported as duplicate');
  });
  const dupes = await drive(EVENTS, CONCURRENCY, async (i) => {
    const ok = await store.enqueueJob(
      {
        id: `webhook:${prefix}_${i}`,
        kind: 'webhook',
        payload: { type: 'flow.updated', payload: payload(i), receivedAt: Date.now() },
      },
      { leaseMs: 15_000 },
    );
    if (ok) throw new Error('redelivery stored twice');
  });
  const persist = await drive(EVENTS, CONCURRENCY, async (i) => {
    await store.enqueueJob(
      {
        id: `webhook:${prefix}_p_${i}`,
        kind: 'webhook',
        payload: { type: 'flow.updated', payload: payload(i), receivedAt: Date.now() },
      },
      { leaseMs: 15_000 },
    );
    await store.appendEvent(`owner_${i % 50}`, 'flow.updated', payload(i).data);
  });
  const count = await store.countJobs('webhook');
  if (count !== 2 * EVENTS)
    throw new Error(`${label}: expected ${2 * EVENTS} stored events, found ${count}`);
  await store.close();
  return { label, unique, dupes, persist };
}

const m = await loadStoreModules();
const dir = mkdtempSync(path.join(tmpdir(), 'dotskit-store-bench-'));
const rows = [];
let pg;
try {
  rows.push(
    await measure(
      'sqlite (synchronous=FULL)',
      m.createSqliteStore({ filename: path.join(dir, 'full.db') }),
    ),
  );
  rows.push(
    await measure(
      'sqlite (synchronous=NORMAL)',
      m.createSqliteStore({ filename: path.join(dir, 'normal.db'), synchronous: 'normal' }),
    ),
  );
  let serverUrl = process.env.DOTSKIT_BENCH_PG_URL;
  if (!serverUrl) {
    pg = await m.startTestPostgres({ durable: true });
    serverUrl = pg.url;
  }
  const database = await m.createTestDatabase(serverUrl);
  try {
    rows.push(
      await measure(
        'postgres (fsync on, pool 10)',
        m.createPostgresStore({ connectionString: database.url }),
      ),
    );
  } finally {
    await database.drop();
  }
} finally {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
}

const f = (x) => x.toFixed(2);
console.log(
  `\nstore ingest: ${EVENTS} events per phase, ${CONCURRENCY} in flight, Node ${process.version}\n`,
);
console.log(
  '| store | webhook inserts/s | p50 ms | p99 ms | redeliveries rejected/s | insert+appendEvent/s | p99 ms |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.label} | ${r.unique.perSecond} | ${f(r.unique.p50)} | ${f(r.unique.p99)} | ${r.dupes.perSecond} | ${r.persist.perSecond} | ${f(r.persist.p99)} |`,
  );
}
