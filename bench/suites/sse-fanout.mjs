// 5. SSE fan-out: N open GET /events streams (one principal each, like N signed-in tabs),
// then events appended to the store one every few ms for random principals. Figures: the
// broker's RSS growth per 1,000 open streams and the p99 time from append to arrival.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signJwt } from '../lib/auth.mjs';
import { closeAll, startChild } from '../lib/child.mjs';
import { notRun, reasonOf, row } from '../lib/rows.mjs';
import { fileLimit, openStreams } from '../lib/sse-clients.mjs';
import { percentile, ratio, round } from '../lib/stats.mjs';

const BENCH = '5. SSE fan-out';
const MiB = 2 ** 20;

export async function run({ quick, log }) {
  const events = quick ? 200 : 1000;
  // Opening streams is bounded so that a slow broker cannot stall the run (quick: 30 s for
  // 1k, 15 s for 10k, i.e. the 10k case needs a broker opening ≥ 667 streams/s).
  const budgetFor = (count) => (quick ? (count > 1000 ? 15_000 : 30_000) : 300_000);
  const limit = await fileLimit();
  const rows = [];
  const results = {};
  let sandbox;
  try {
    sandbox = await startChild('sandbox');
  } catch (err) {
    return [notRun(BENCH, '1k and 10k streams', reasonOf(err))];
  }
  try {
    for (const count of [1000, 10_000]) {
      const label = `${count.toLocaleString('en-US')} streams`;
      // One socket per stream in this process and one in the broker's, plus some spare.
      if (limit !== null && limit < count + 500) {
        results[count] = {
          error: `ulimit -n is ${limit}; ${count} streams need ≥ ${count + 500} open files per process (raise it with ulimit -n)`,
        };
        continue;
      }
      try {
        results[count] = await measure(count, events, sandbox, log, budgetFor(count));
      } catch (err) {
        results[count] = { error: reasonOf(err) };
        log(`${label}: ${results[count].error}`);
      }
    }
  } finally {
    await closeAll(sandbox);
  }
  const base = results[1000]?.error ? undefined : results[1000];
  for (const [count, r] of Object.entries(results)) {
    const label = `${Number(count).toLocaleString('en-US')} streams`;
    if (r.error) {
      rows.push(notRun(BENCH, label, r.error));
      continue;
    }
    const vsBase = count !== '1000' && base;
    rows.push(
      row({
        benchmark: BENCH,
        subject: `${label}: broker RSS per 1,000 streams`,
        figure: round(r.rssPerThousand / MiB, 1),
        unit: 'MiB',
        baseline: vsBase ? '1,000 streams' : null,
        baselineFigure: vsBase ? round(base.rssPerThousand / MiB, 1) : null,
        ratio: vsBase ? ratio(r.rssPerThousand, base.rssPerThousand) : null,
        note: `RSS ${round(r.rssBefore / MiB, 0)} MiB idle → ${round(r.rssAfter / MiB, 0)} MiB with ${label} open (after GC)`,
      }),
      row({
        benchmark: BENCH,
        subject: `${label}: opened per second (200 handshakes in flight)`,
        figure: round(Number(count) / r.openS, 0),
        unit: 'streams/s',
        note: `all ${label} opened in ${round(r.openS, 1)} s (GET /events: JWT, rate limiter, hub)`,
      }),
      row({
        benchmark: BENCH,
        subject: `${label}: p99 delivery (append → client)`,
        figure: round(r.p99, 1),
        unit: 'ms',
        baseline: vsBase ? '1,000 streams' : null,
        baselineFigure: vsBase ? round(base.p99, 1) : null,
        ratio: vsBase ? ratio(r.p99, base.p99) : null,
        note: `${r.received}/${r.sent} events arrived (one every ${r.gapMs} ms to a random stream); p50 ${round(r.p50, 1)} ms, max ${round(r.max, 1)} ms`,
      }),
    );
  }
  return rows;
}

async function measure(count, events, sandbox, log, budgetMs) {
  const dir = mkdtempSync(path.join(tmpdir(), 'dotskit-bench-sse-'));
  let broker;
  let streams;
  try {
    broker = await startChild('broker', {
      sandboxUrl: sandbox.url,
      databaseUrl: `sqlite:${path.join(dir, 'broker.db')}`,
    });
    // Tokens are signed up front so that opening streams measures the broker, not HMACs here.
    const tokens = Array.from({ length: count }, (_, i) => signJwt(`sse-user-${i}`));
    // Warm the route before the idle RSS sample.
    const warm = await openStreams({
      url: `${broker.url}/events`,
      count: 10,
      tokenFor: (i) => tokens[i],
    });
    warm.close();
    const rssBefore = await broker.call('gc');
    const t0 = performance.now();
    streams = await openStreams({
      url: `${broker.url}/events`,
      count,
      tokenFor: (i) => tokens[i],
      budgetMs,
    });
    const openS = (performance.now() - t0) / 1000;
    const rssAfter = await broker.call('gc');
    log(
      `${count} streams open in ${openS.toFixed(1)} s; broker RSS ${(rssBefore / MiB).toFixed(0)} → ${(rssAfter / MiB).toFixed(0)} MiB`,
    );
    const gapMs = 5;
    const seqs = [];
    for (let seq = 0; seq < events; seq++) {
      const owner = `sse-user-${Math.floor(Math.random() * count)}`;
      seqs.push(seq);
      await broker.call('appendPing', owner, seq);
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    await streams.waitFor(seqs, 10_000);
    const delays = seqs
      .filter((s) => streams.deliveries.has(s))
      .map((s) => streams.deliveries.get(s));
    if (delays.length === 0) throw new Error('no event reached any stream within 10 s');
    log(
      `${count} streams: ${delays.length}/${events} delivered, p99 ${percentile(delays, 99).toFixed(1)} ms`,
    );
    return {
      rssBefore,
      rssAfter,
      rssPerThousand: ((rssAfter - rssBefore) / count) * 1000,
      openS,
      p50: percentile(delays, 50),
      p99: percentile(delays, 99),
      max: Math.max(...delays),
      received: delays.length,
      sent: events,
      gapMs,
    };
  } finally {
    streams?.close();
    await closeAll(broker);
    rmSync(dir, { recursive: true, force: true });
  }
}
