import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrokerProcess, startBrokerProcess } from './lib/broker-process';
import { WEBHOOK_SECRET } from './lib/constants';
import { bearer, percentile, request } from './lib/http';
import { tokenFor } from './lib/jwt';
import { type SandboxProcess, startSandboxProcess } from './lib/sandbox-process';
import { openEvents, type SseStream } from './lib/sse';
import { printTable } from './lib/table';
import { meanRss, p99Drift, quartiles, SOAK_TARGETS, verdict } from './soak-figures';
import { DIAGNOSE, SoakRecord, startWindowRecorder } from './soak-windows';

// One broker (child process, SQLite) under a mixed load: flow creation, status reads,
// payout links, webhooks (the sandbox's own, from completing flows) and 1,000 open SSE
// streams. The sandbox runs in a process of its own too: the load generator's latencies
// must not include the emulator's GC and event-loop delay, whose state grows all run.
// HARDENING_SOAK_SECONDS sets the measured length (CI: 60 s, as issue 8 asks;
// `node e2e/hardening/soak.mjs --minutes 10`, suite 7 of `pnpm bench`, for the long run).
const SECONDS = Number(process.env.HARDENING_SOAK_SECONDS ?? 60);
const WARMUP_SECONDS = Math.min(60, Math.max(10, Math.round(SECONDS / 10)));
const STREAMS = Number(process.env.HARDENING_SOAK_STREAMS ?? 1000);
const PRINCIPALS = 200;
const CONCURRENCY = 12;
/**
 * Cents put in the sandbox's app wallet: every payout link (1 cent) reserves from it, and
 * the mix must stay the same all run (10 % links), or the first and last minutes differ in
 * what they measure. $10,000 lasts any run this machine can drive.
 */
const WALLET_CENTS = 1_000_000;
const dir = mkdtempSync(join(tmpdir(), 'dotskit-hardening-'));
const dbPath = join(dir, 'broker.db');
/** `soak.mjs --diag`: the broker and the sandbox write their per-second diagnostics here (soak-windows.ts). */
const diag = DIAGNOSE
  ? { broker: join(dir, 'broker-diag.jsonl'), sandbox: join(dir, 'sandbox-diag.jsonl') }
  : undefined;

let sandbox: SandboxProcess;
let broker: BrokerProcess;
const streams: SseStream[] = [];

beforeAll(async () => {
  sandbox = await startSandboxProcess(diag ? { HARDENING_SOAK_DIAG: diag.sandbox } : {});
  broker = await startBrokerProcess({
    sandboxUrl: sandbox.url,
    databaseUrl: `sqlite:${dbPath}`,
    noRateLimit: true,
    env: diag ? { HARDENING_SOAK_DIAG: diag.broker } : {},
  });
  await sandbox.control('POST', '/_sandbox/webhook-endpoints', {
    url: `${broker.url}/webhooks`,
    secret: WEBHOOK_SECRET,
  });
  const apps = (await sandbox.api('GET', '/v2/apps')).body as { id: string }[];
  await sandbox.control('POST', `/_sandbox/apps/${apps[0]?.id}/wallet`, { amount: WALLET_CENTS });
});

afterAll(async () => {
  for (const s of streams) s.close();
  await broker?.stop();
  await sandbox?.stop();
  // A 10-minute run leaves a database of about 300 MB.
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe(`soak: ${SECONDS} s, ${STREAMS} SSE streams, one broker`, () => {
  it('holds throughput with no non-429 errors, every stream open, and flat memory', {
    timeout: (SECONDS + WARMUP_SECONDS) * 1000 + 180_000,
  }, async () => {
    const subs = Array.from({ length: PRINCIPALS }, (_, i) => `soak-${i}`);
    const tokens = new Map(
      subs.map((s) => [s, tokenFor(s, { exp: Math.floor(Date.now() / 1000) + 3600 })]),
    );
    const rssBeforeStreams = broker.rss();
    for (let i = 0; i < STREAMS; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, STREAMS - i) }, (_, j) =>
          openEvents(
            broker.url,
            tokens.get(subs[(i + j) % PRINCIPALS] as string) as string,
            undefined,
            { keep: false },
          ),
        ),
      );
      streams.push(...batch);
    }
    // A stream that ends early (the broker dropped it) must count as closed at the end.
    const closed = new Set<SseStream>();
    for (const s of streams) void s.ended.then(() => closed.add(s));
    expect(streams.filter((s) => s.status === 200)).toHaveLength(STREAMS);

    const record = new SoakRecord();
    const { tally, latencies, finishedAt, kinds, errorSamples } = record;
    let started = 0;
    const flows = new Map<string, string[]>();
    let measuring = false;
    let stop = false;
    let seq = 0;
    const worker = async () => {
      while (!stop) {
        const n = seq++;
        const sub = subs[n % PRINCIPALS] as string;
        const auth = bearer(tokens.get(sub) as string);
        const mine = flows.get(sub) ?? [];
        const pick = n % 10;
        let res: Awaited<ReturnType<typeof request>>;
        let kind = 1;
        if (pick < 3 || mine.length === 0) {
          kind = 0;
          res = await request('POST', `${broker.url}/flows`, {
            headers: auth,
            body: { steps: ['compliance', 'manage-payouts'] },
          });
          if (res.status === 201) {
            const id = (res.body as { id: string }).id;
            mine.push(id);
            if (mine.length > 20) mine.shift();
            flows.set(sub, mine);
            // Every fourth flow is completed in the sandbox: its webhooks come to the broker.
            if (n % 4 === 0)
              void sandbox
                .control('POST', `/_sandbox/flows/${id}/complete`, {})
                .catch(() => undefined);
          }
        } else if (pick < 9) {
          res = await request('GET', `${broker.url}/flows/${mine[n % mine.length]}`, {
            headers: auth,
          });
        } else {
          kind = 2;
          res = await request('POST', `${broker.url}/payout-links`, {
            headers: auth,
            body: { amount: 1 },
          });
        }
        if (measuring) record.add(res, kind, (performance.now() - started) / 1000);
      }
    };
    const workers = Array.from({ length: CONCURRENCY }, worker);
    await sleep(WARMUP_SECONDS * 1000);
    // Totals, not the delivery log: the log keeps the last 10,000 and a long run sends more.
    const webhooksBefore = await sandbox.totals();
    const eventsBefore = streams.reduce((n, s) => n + s.received(), 0);
    // RSS moves with every GC: start and end are each the mean of three samples 1 s apart.
    const rssStart = await meanRss(broker);
    const rssSamples: number[] = [rssStart];
    const recorder = await startWindowRecorder(SECONDS, {
      brokerPid: broker.pid(),
      dbPath,
      sandbox,
      diag,
    });
    started = performance.now();
    measuring = true;
    const sampler = setInterval(() => rssSamples.push(broker.rss()), 1000);
    await sleep(Math.max(0, SECONDS * 1000 - 2000));
    const rssEnd = await meanRss(broker);
    measuring = false;
    const elapsed = (performance.now() - started) / 1000;
    clearInterval(sampler);
    await recorder.finish();
    stop = true;
    await Promise.all(workers);

    const webhooksAfter = await sandbox.totals();
    const webhooks = webhooksAfter.queued - webhooksBefore.queued;
    const webhookFailures = webhooksAfter.failed - webhooksBefore.failed;
    const stillOpen = broker.alive()
      ? streams.filter((s) => !closed.has(s) && s.status === 200).length
      : 0;
    const sseEvents = streams.reduce((n, s) => n + s.received(), 0) - eventsBefore;
    const non429 = tally.count((s) => !/^2\d\d$/.test(s) && s !== '429');
    const growth = (rssEnd - rssStart) / rssStart;
    const rssMet = growth <= SOAK_TARGETS.rssGrowth;
    const drift = p99Drift(finishedAt, latencies, elapsed);
    const driftLabel = `p99 last ${drift.windowSeconds} s ÷ first ${drift.windowSeconds} s`;
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
    printTable(
      `Soak (issue 8 part 4): ${SECONDS} s measured after ${WARMUP_SECONDS} s warm-up${SECONDS < 600 ? ' (CI variant; the 10-minute run is suite 7 of pnpm bench)' : ''}`,
      [
        {
          requests: latencies.length,
          'throughput (req/s)': (latencies.length / elapsed).toFixed(0),
          'p50 (ms)': percentile(latencies, 50).toFixed(1),
          'p99 (ms)': percentile(latencies, 99).toFixed(1),
          'non-429 errors': non429,
          '429s': tally.count((s) => s === '429'),
          'webhooks sent (failed)': `${webhooks} (${webhookFailures})`,
          'SSE streams open at end': `${stillOpen}/${STREAMS}`,
          'SSE events received': sseEvents,
          'RSS before streams': mb(rssBeforeStreams),
          'RSS start (after warm-up, mean of 3)': mb(rssStart),
          'RSS end (mean of 3)': mb(rssEnd),
          'RSS at 25/50/75/100% of the run': quartiles(rssSamples).map(mb).join(' → '),
          'RSS max': mb(Math.max(...rssSamples)),
          'RSS growth (target ≤ +10%)': `${(growth * 100).toFixed(1)}% ${verdict(rssMet)}`,
          [`${driftLabel} (target ≤ 1.2×)`]: `${drift.lastP99Ms.toFixed(1)} / ${drift.firstP99Ms.toFixed(1)} ms = ${drift.ratio.toFixed(2)}× ${verdict(drift.met)}`,
        },
      ],
      'soak',
    );
    const windows = recorder.print(finishedAt, latencies, kinds);
    if (errorSamples.length) console.log('first errors:', errorSamples);
    // For `pnpm bench` (bench/suites/soak.mjs): the same figures, machine-readable.
    if (process.env.HARDENING_SOAK_JSON) {
      writeFileSync(
        process.env.HARDENING_SOAK_JSON,
        JSON.stringify({
          seconds: SECONDS,
          brokerFrom: process.env.HARDENING_BROKER_FROM === 'dist' ? 'dist' : 'src',
          warmupSeconds: WARMUP_SECONDS,
          streams: STREAMS,
          requests: latencies.length,
          throughput: latencies.length / elapsed,
          p50Ms: percentile(latencies, 50),
          p99Ms: percentile(latencies, 99),
          non429,
          rateLimited: tally.count((s) => s === '429'),
          webhooks,
          webhookFailures,
          streamsOpenAtEnd: stillOpen,
          sseEvents,
          rssStart,
          rssEnd,
          rssMax: Math.max(...rssSamples),
          growth,
          rssMet,
          p99Drift: drift,
          windows,
        }),
      );
    }
    expect(tally.errors()).toBe('none');
    expect(non429).toBe(0);
    expect(stillOpen).toBe(STREAMS);
    expect(sseEvents).toBeGreaterThan(0);
    // Flatness is a target, not a pass/fail check on a noisy 2-core machine: the 60 s CI
    // run prints it; the 10-minute `soak.mjs` run (pnpm bench) is where it is judged.
    console.log(
      `RSS growth after warm-up: ${(growth * 100).toFixed(1)}% (target ≤ +10%: ${verdict(rssMet)}); ` +
        `${driftLabel}: ${drift.ratio.toFixed(2)}× (target ≤ 1.2×: ${verdict(drift.met)})`,
    );
  });
});
