import type { ReferenceSample } from './lib/cpu-reference';
import { percentile } from './lib/http';
import { LogHistogram, mergeSamples, type ProbeSample } from './lib/soak-diag';

// The soak's per-window table, as rows: where a p99 drift comes from, process by process
// (the broker, the sandbox, and the test process that generates the load and reads the
// streams).

/** What the soak's client did: kinds of measured request, in `SOAK_OPS` order. */
export const SOAK_OPS = ['POST /flows', 'GET /flows/:id', 'POST /payout-links'] as const;

/** State read at one window boundary. */
export interface WindowMark {
  /** Seconds since the measured run started. */
  t: number;
  /** Wall clock (epoch ms), to place the children's per-second diagnostics. */
  at: number;
  brokerCpuMs: number;
  sandboxCpuMs: number;
  testCpuMs: number;
  dbBytes: number;
  walBytes: number;
  /** Sizes of the sandbox's maps and its webhook log. */
  sandbox: Record<string, number>;
  /** The test process's probe (load generator and stream readers), with `--diag`. */
  probe?: ProbeSample;
}

/** Per-second diagnostics of the two servers (`--diag`), each empty without it. */
export interface ServerDiagnostics {
  broker: ProbeSample[];
  sandbox: ProbeSample[];
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const mb = (b: number) => (b / 2 ** 20).toFixed(1);
const p99Of = (b: Record<string, Record<number, number>> | undefined, key: string) =>
  b?.[key] ? new LogHistogram(b[key]).percentile(99) : Number.NaN;
const p99s = (b: Record<string, Record<number, number>>, keys = Object.keys(b).sort()) =>
  keys.map((k) => `${k} ${f1(p99Of(b, k))}`).join(', ');

/** Event-loop delay, GC and heap of one process over a window, as table cells. */
function processCells(who: string, s: ProbeSample): Record<string, string> {
  return {
    [`${who} eld p99 / max (ms)`]: `${f1(s.eldP99Ms)} / ${f1(s.eldMaxMs)}`,
    [`${who} GC (ms, n)`]: `${f1(s.gcMs)}, ${s.gcCount}`,
    [`${who} heap (MiB)`]: f1(s.heapUsedMb),
  };
}

/**
 * One row per window between consecutive marks: client p50/p99 (all and per kind), CPU per
 * request of the broker, the sandbox and the test process, the yardstick's CPU for its fixed
 * work (median), database and WAL sizes, sandbox sizes, and, when sampled, each process's event-loop delay, GC, heap and per-route p99.
 */
export function windowRows(
  marks: WindowMark[],
  finishedAt: readonly number[],
  latencies: readonly number[],
  kinds: readonly number[],
  diag: ServerDiagnostics = { broker: [], sandbox: [] },
  reference: readonly ReferenceSample[] = [],
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
      'CPU/req broker / sandbox / test (ms)': [
        b.brokerCpuMs - a.brokerCpuMs,
        b.sandboxCpuMs - a.sandboxCpuMs,
        b.testCpuMs - a.testCpuMs,
      ]
        .map((ms) => f2(ms / n))
        .join(' / '),
      // The same fixed work in a process of its own (lib/cpu-reference.ts): the machine's pace.
      'yardstick CPU (ms)': f2(
        percentile(
          reference.filter((r) => r.at > a.at && r.at <= b.at).map((r) => r.cpuMs),
          50,
        ),
      ),
      'db / wal (MiB)': `${mb(b.dbBytes)} / ${mb(b.walBytes)}`,
      sandbox: Object.entries(b.sandbox)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    };
    const inWindow = (samples: ProbeSample[]) =>
      mergeSamples(samples.filter((s) => s.at > a.at && s.at <= b.at));
    const broker = inWindow(diag.broker);
    if (broker) {
      Object.assign(row, processCells('broker', broker));
      row['broker served p99 (ms)'] = [...SOAK_OPS, 'POST /webhooks']
        .map((k) => f1(p99Of(broker.served, k)))
        .join(' / ');
      row['broker→sandbox p99 (ms)'] = p99s(broker.upstream);
    }
    const sandbox = inWindow(diag.sandbox);
    if (sandbox) {
      Object.assign(row, processCells('sandbox', sandbox));
      row['sandbox served p99 (ms)'] = p99s(sandbox.served);
    }
    if (b.probe) Object.assign(row, processCells('test', b.probe));
    rows.push(row);
  }
  return rows;
}
