import { readFileSync, statSync } from 'node:fs';
import { type Outcome, percentile, StatusTally } from './lib/http';
import {
  LogHistogram,
  mergeSamples,
  type ProbeSample,
  profileThisProcess,
  startProcessProbe,
} from './lib/soak-diag';
import { printTable } from './lib/table';
import { driftWindowSeconds } from './soak-figures';

// The soak's per-window table: where a p99 drift comes from. One mark per window boundary
// (cheap reads: /proc, file sizes, map sizes); with `--diag`, the broker's and the test
// process's probes (soak-diag.ts) add event-loop delay, GC, heap and per-route times.

/** What the soak's client did: kinds of measured request, in `SOAK_OPS` order. */
export const SOAK_OPS = ['POST /flows', 'GET /flows/:id', 'POST /payout-links'] as const;

/** The measured requests of a soak: statuses, latencies, when each finished, their kinds. */
export class SoakRecord {
  readonly tally = new StatusTally();
  readonly latencies: number[] = [];
  /** When each request finished, in seconds since the measured run began (for p99 drift). */
  readonly finishedAt: number[] = [];
  /** Index in `SOAK_OPS` of each request's kind. */
  readonly kinds: number[] = [];
  /** The first five non-2xx outcomes, for the log. */
  readonly errorSamples: string[] = [];
  add(res: Outcome, kind: number, atS: number): void {
    if (!/^2\d\d$/.test(String(res.status)) && this.errorSamples.length < 5)
      this.errorSamples.push(
        `${res.status} ${SOAK_OPS[kind]} ${JSON.stringify(res.body).slice(0, 300)}`,
      );
    this.tally.add(res.status);
    this.latencies.push(res.ms);
    this.finishedAt.push(atS);
    this.kinds.push(kind);
  }
}

/** State read at one window boundary. */
export interface WindowMark {
  /** Seconds since the measured run started. */
  t: number;
  /** Wall clock (epoch ms), to place the broker's per-second diagnostics. */
  at: number;
  brokerCpuMs: number;
  testCpuMs: number;
  dbBytes: number;
  walBytes: number;
  /** Sizes of the sandbox's maps and its webhook log. */
  sandbox: Record<string, number>;
  /** The test process's probe (sandbox + load generator), with `--diag`. */
  probe?: ProbeSample;
}

/** User + system CPU of a process in ms, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Size of a file in bytes, 0 when it does not exist. */
export function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The broker's per-second diagnostics lines (`HARDENING_SOAK_DIAG`), or none. */
export function readDiagLines(path: string): ProbeSample[] {
  try {
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ProbeSample);
  } catch {
    return [];
  }
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const mb = (b: number) => (b / 2 ** 20).toFixed(1);
const p99Of = (b: Record<string, Record<number, number>> | undefined, key: string) =>
  b?.[key] ? new LogHistogram(b[key]).percentile(99) : Number.NaN;

/**
 * One row per window between consecutive marks: client p50/p99 (all and per kind), CPU per
 * request of the broker and of the test process, database and WAL sizes, sandbox sizes,
 * and, when sampled, both processes' event-loop delay, GC, heap and per-route p99.
 */
export function windowRows(
  marks: WindowMark[],
  finishedAt: readonly number[],
  latencies: readonly number[],
  kinds: readonly number[],
  broker: ProbeSample[],
): Record<string, string | number>[] {
  const rows: Record<string, string | number>[] = [];
  for (let w = 1; w < marks.length; w++) {
    const a = marks[w - 1] as WindowMark;
    const b = marks[w] as WindowMark;
    const all: number[] = [];
    const byKind: number[][] = SOAK_OPS.map(() => []);
    finishedAt.forEach((t, i) => {
      if (t <= a.t || t > b.t) return;
      all.push(latencies[i] as number);
      byKind[kinds[i] as number]?.push(latencies[i] as number);
    });
    const n = all.length || Number.NaN;
    const row: Record<string, string | number> = {
      window: `${Math.round(a.t)}–${Math.round(b.t)} s`,
      requests: all.length,
      'p50 / p99 (ms)': `${f1(percentile(all, 50))} / ${f1(percentile(all, 99))}`,
      'p99 by kind (ms)': byKind.map((k) => f1(percentile(k, 99))).join(' / '),
      'broker CPU/req (ms)': f2((b.brokerCpuMs - a.brokerCpuMs) / n),
      'test CPU/req (ms)': f2((b.testCpuMs - a.testCpuMs) / n),
      'db / wal (MiB)': `${mb(b.dbBytes)} / ${mb(b.walBytes)}`,
      sandbox: Object.entries(b.sandbox)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    };
    const mine = mergeSamples(broker.filter((s) => s.at > a.at && s.at <= b.at));
    if (mine) {
      row['broker eld p99 / max (ms)'] = `${f1(mine.eldP99Ms)} / ${f1(mine.eldMaxMs)}`;
      row['broker GC (ms, n)'] = `${f1(mine.gcMs)}, ${mine.gcCount}`;
      row['broker heap (MiB)'] = f1(mine.heapUsedMb);
      row['broker served p99 (ms)'] = [
        'POST /flows',
        'GET /flows/:id',
        'POST /payout-links',
        'POST /webhooks',
      ]
        .map((k) => f1(p99Of(mine.served, k)))
        .join(' / ');
      row['broker→sandbox p99 (ms)'] = Object.keys(mine.upstream)
        .sort()
        .map((k) => `${k} ${f1(p99Of(mine.upstream, k))}`)
        .join(', ');
    }
    const test = b.probe;
    if (test) {
      row['test eld p99 / max (ms)'] = `${f1(test.eldP99Ms)} / ${f1(test.eldMaxMs)}`;
      row['test GC (ms, n)'] = `${f1(test.gcMs)}, ${test.gcCount}`;
      row['test heap (MiB)'] = f1(test.heapUsedMb);
      row['sandbox served p99 (ms)'] = Object.keys(test.served)
        .sort()
        .map((k) => `${k} ${f1(p99Of(test.served, k))}`)
        .join(', ');
    }
    rows.push(row);
  }
  return rows;
}

/** Reads one window boundary: CPU of both processes, database sizes, sandbox sizes. */
export function takeMark(
  t: number,
  brokerPid: number,
  dbPath: string,
  engine: {
    store: object;
    webhooks: { deliveries(): unknown[] };
  },
  probe?: { take(): ProbeSample },
): WindowMark {
  const cpu = process.cpuUsage();
  const sandbox: Record<string, number> = {};
  for (const [k, v] of Object.entries(engine.store)) if (v instanceof Map) sandbox[k] = v.size;
  sandbox.webhookLog = engine.webhooks.deliveries().length;
  return {
    t,
    at: Date.now(),
    brokerCpuMs: procCpuMs(brokerPid),
    testCpuMs: (cpu.user + cpu.system) / 1000,
    dbBytes: fileBytes(dbPath),
    walBytes: fileBytes(`${dbPath}-wal`),
    sandbox,
    probe: probe?.take(),
  };
}

/** `soak.mjs --diag`: probe the broker and the test process (costs each request a little). */
export const DIAGNOSE = process.env.HARDENING_SOAK_DIAGNOSE === '1';

/**
 * Marks a window boundary now and every window (HARDENING_SOAK_WINDOW_SECONDS, default the
 * drift window of a `measuredSeconds` run) until `finish()`; with `diagPath` also probes
 * this process, and with BENCH_CPU_PROF profiles it. `print()` prints the table.
 */
export async function startWindowRecorder(
  measuredSeconds: number,
  brokerPid: number,
  dbPath: string,
  sandbox: { running: { sandbox: Parameters<typeof takeMark>[3] } },
  diagPath: string | undefined,
) {
  const windowSeconds = Number(
    process.env.HARDENING_SOAK_WINDOW_SECONDS ?? driftWindowSeconds(measuredSeconds),
  );
  const probe = diagPath ? startProcessProbe() : undefined;
  const stopProfile = await profileThisProcess();
  const started = performance.now();
  const mark = () =>
    takeMark(
      (performance.now() - started) / 1000,
      brokerPid,
      dbPath,
      sandbox.running.sandbox,
      probe,
    );
  const marks: WindowMark[] = [mark()];
  const timer = setInterval(() => marks.push(mark()), windowSeconds * 1000);
  return {
    /** Ends the last window (unless a boundary was marked within the last second). */
    async finish() {
      clearInterval(timer);
      const last = marks[marks.length - 1] as WindowMark;
      if ((performance.now() - started) / 1000 - last.t > 1) marks.push(mark());
      probe?.stop();
      await stopProfile();
    },
    /** Prints the per-window table (and appends it to results/soak.md); returns its rows. */
    print(finishedAt: readonly number[], latencies: readonly number[], kinds: readonly number[]) {
      const broker = diagPath ? readDiagLines(diagPath) : [];
      const rows = windowRows(marks, finishedAt, latencies, kinds, broker);
      printTable(
        `Soak per ${windowSeconds} s window (p99 by kind: ${SOAK_OPS.join(' / ')})`,
        rows,
        'soak',
      );
      return rows;
    },
  };
}
