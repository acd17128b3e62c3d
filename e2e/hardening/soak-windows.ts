import { readFileSync, statSync } from 'node:fs';
import { startCpuReference } from './lib/cpu-reference';
import { type Outcome, StatusTally } from './lib/http';
import { procCpuMs } from './lib/proc';
import { type ProbeSample, profileThisProcess, startProcessProbe } from './lib/soak-diag';
import { printTable } from './lib/table';
import { driftWindowSeconds } from './soak-figures';
import { SOAK_OPS, type WindowMark, windowRows } from './soak-rows';

// The soak's measured requests and its per-window table: where a p99 drift comes from. One
// mark per window boundary (cheap reads: /proc, file sizes, the sandbox's map sizes); with
// `--diag`, the broker's, the sandbox's and the test process's probes (soak-diag.ts) add
// event-loop delay, GC, heap and per-route times.

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

/** Size of a file in bytes, 0 when it does not exist. */
export function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** A child's per-second diagnostics lines (the file named by its `HARDENING_SOAK_DIAG`), or none. */
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

/** What the soak's window recorder reads: the broker's process and database, the sandbox. */
export interface SoakSubjects {
  brokerPid: number;
  dbPath: string;
  sandbox: { pid(): number; sizes(): Promise<Record<string, number>> };
  /** `--diag`: the files the broker and the sandbox write their per-second diagnostics to. */
  diag?: { broker: string; sandbox: string };
}

/**
 * Reads one window boundary: CPU of the three processes and database sizes, at once; the
 * sandbox's sizes (over IPC) fill in `sandbox` when they arrive (see `sizes`).
 */
export function takeMark(
  t: number,
  subjects: SoakSubjects,
  probe?: { take(): ProbeSample },
): { mark: WindowMark; sizes: Promise<void> } {
  const cpu = process.cpuUsage();
  const mark: WindowMark = {
    t,
    at: Date.now(),
    brokerCpuMs: procCpuMs(subjects.brokerPid),
    sandboxCpuMs: procCpuMs(subjects.sandbox.pid()),
    testCpuMs: (cpu.user + cpu.system) / 1000,
    dbBytes: fileBytes(subjects.dbPath),
    walBytes: fileBytes(`${subjects.dbPath}-wal`),
    sandbox: {},
    probe: probe?.take(),
  };
  const sizes = subjects.sandbox.sizes().then(
    (sandbox) => {
      mark.sandbox = sandbox;
    },
    () => undefined,
  );
  return { mark, sizes };
}

/** `soak.mjs --diag`: probe the three processes (costs each request a little). */
export const DIAGNOSE = process.env.HARDENING_SOAK_DIAGNOSE === '1';

/**
 * Marks a window boundary now and every window (HARDENING_SOAK_WINDOW_SECONDS, default the
 * drift window of a `measuredSeconds` run) until `finish()`; with `subjects.diag` also
 * probes this process, and with BENCH_CPU_PROF profiles it. `print()` prints the table.
 */
export async function startWindowRecorder(measuredSeconds: number, subjects: SoakSubjects) {
  const windowSeconds = Number(
    process.env.HARDENING_SOAK_WINDOW_SECONDS ?? driftWindowSeconds(measuredSeconds),
  );
  const probe = subjects.diag ? startProcessProbe() : undefined;
  const stopProfile = await profileThisProcess();
  const reference = startCpuReference();
  const started = performance.now();
  // Marks are kept in order as they are taken; only their sandbox sizes arrive later.
  const marks: WindowMark[] = [];
  const sizes: Promise<void>[] = [];
  const mark = () => {
    const taken = takeMark((performance.now() - started) / 1000, subjects, probe);
    marks.push(taken.mark);
    sizes.push(taken.sizes);
  };
  mark();
  const timer = setInterval(mark, windowSeconds * 1000);
  return {
    /** Ends the last window (unless a boundary was marked within the last second). */
    async finish() {
      clearInterval(timer);
      const last = marks[marks.length - 1] as WindowMark;
      if ((performance.now() - started) / 1000 - last.t > 1) mark();
      await Promise.all(sizes);
      reference.stop();
      probe?.stop();
      await stopProfile();
    },
    /** Prints the per-window table (and appends it to results/soak.md); returns its rows. */
    print(finishedAt: readonly number[], latencies: readonly number[], kinds: readonly number[]) {
      const diag = subjects.diag;
      const rows = windowRows(
        marks,
        finishedAt,
        latencies,
        kinds,
        {
          broker: diag ? readDiagLines(diag.broker) : [],
          sandbox: diag ? readDiagLines(diag.sandbox) : [],
        },
        reference.samples,
      );
      printTable(
        `Soak per ${windowSeconds} s window (p99 by kind: ${SOAK_OPS.join(' / ')})`,
        rows,
        'soak',
      );
      return rows;
    },
  };
}
