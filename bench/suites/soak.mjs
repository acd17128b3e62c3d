// Suite 7 (issue 8 part 4): the hardening soak, long. One broker (SQLite) under flow
// creation, status reads, payout links, sandbox webhooks and 1,000 open SSE streams; runs
// e2e/hardening/soak.mjs (which runs e2e/hardening/soak.test.ts) for 10 minutes (quick: 1)
// and turns its figures into rows. Targets: 0 non-429 errors, RSS growth after warm-up ≤ 10%,
// p99 of the last minute ≤ 1.2× the first measured minute.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../lib/load.mjs';
import { notRun, row } from '../lib/rows.mjs';

const BENCHMARK = '7. Soak (issue 8)';

/** Runs the soak for `minutes` and resolves with its JSON figures. */
function runSoak(minutes, log) {
  const dir = mkdtempSync(path.join(tmpdir(), 'dotskit-soak-'));
  const out = path.join(dir, 'soak.json');
  const script = path.join(repoRoot, 'e2e', 'hardening', 'soak.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, '--minutes', String(minutes)], {
      // The broker from its built dist/, as every other suite measures it.
      env: { ...process.env, HARDENING_SOAK_JSON: out, HARDENING_BROKER_FROM: 'dist' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const keep = (chunk) => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        const figures = JSON.parse(readFileSync(out, 'utf8'));
        if (code !== 0) log(`soak exited ${code}; its checks failed:\n${tail}`);
        resolve({ ...figures, exitCode: code });
      } catch {
        reject(new Error(`soak printed no figures (exit ${code}): ${tail.slice(-400)}`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

/** @param {{ quick: boolean, log: (line: string) => void }} opts */
export async function run({ quick, log }) {
  const minutes = quick ? 1 : 10;
  log(`soak: ${minutes} min measured, 1,000 SSE streams`);
  let f;
  try {
    f = await runSoak(minutes, log);
  } catch (err) {
    return [notRun(BENCHMARK, `${minutes}-minute soak`, err.message)];
  }
  const subject = `${minutes} min, ${f.streams} SSE streams, 1 broker (SQLite, from ${f.brokerFrom ?? 'src'})`;
  const mb = (b) => Math.round((b / 1024 / 1024) * 10) / 10;
  return [
    row({
      benchmark: BENCHMARK,
      subject: `${subject}: throughput`,
      figure: Math.round(f.throughput),
      unit: 'req/s',
      note: `${f.requests} requests, ${f.webhooks} webhooks (${f.webhookFailures} failed), ${f.sseEvents} SSE events`,
    }),
    row({
      benchmark: BENCHMARK,
      subject: `${subject}: p99`,
      figure: Math.round(f.p99Ms * 10) / 10,
      unit: 'ms',
      note: `p50 ${f.p50Ms.toFixed(1)} ms`,
    }),
    row({
      benchmark: BENCHMARK,
      subject: `${subject}: non-429 errors`,
      figure: f.non429,
      unit: 'responses',
      target: '0',
      met: f.non429 === 0,
      note: `${f.rateLimited} × 429; streams open at end ${f.streamsOpenAtEnd}/${f.streams}`,
    }),
    row({
      benchmark: BENCHMARK,
      subject: `${subject}: RSS end vs start (after ${f.warmupSeconds} s warm-up)`,
      figure: mb(f.rssEnd),
      unit: 'MiB',
      baseline: 'RSS at start',
      baselineFigure: mb(f.rssStart),
      ratio: Math.round((f.rssEnd / f.rssStart) * 1000) / 1000,
      target: '≤ 1.10',
      met: f.growth <= 0.1,
      note: `growth ${(f.growth * 100).toFixed(1)}%; max ${mb(f.rssMax)} MiB`,
    }),
    driftRow(subject, f.p99Drift),
  ];
}

/** p99 of the last window of the measured run against the first (issue 18: ≤ 1.2×). */
function driftRow(subject, d) {
  if (!d) return notRun(BENCHMARK, `${subject}: p99 last vs first minute`, 'soak printed no drift');
  const w = d.windowSeconds === 60 ? 'minute' : `${d.windowSeconds} s`;
  return row({
    benchmark: BENCHMARK,
    subject: `${subject}: p99 of the last ${w} vs the first ${w}`,
    figure: Math.round(d.lastP99Ms * 10) / 10,
    unit: 'ms',
    baseline: `p99 of the first ${w}`,
    baselineFigure: Math.round(d.firstP99Ms * 10) / 10,
    ratio: Math.round(d.ratio * 100) / 100,
    target: '≤ 1.2×',
    met: d.met,
    note: d.windowSeconds < 60 ? 'run shorter than 2 minutes: its halves are compared' : undefined,
  });
}
