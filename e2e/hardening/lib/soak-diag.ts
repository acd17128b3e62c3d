import dc from 'node:diagnostics_channel';
import { appendFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

// Per-window diagnostics of the soak (where p99 drift comes from): event-loop delay, GC
// time, heap, CPU and the server-side / upstream time of each HTTP route, in whichever
// process calls `startProcessProbe` (the broker child through broker-main.ts, the test
// process for the sandbox and the load). Read-only: nothing here changes what runs.

/** Bucket width: 2 % per bucket from 10 µs, so a p99 read from it is within 2 %. */
const BASE_MS = 0.01;
const STEP = Math.log(1.02);

/** A mergeable latency histogram (log buckets), kept sparse so that it serialises small. */
export class LogHistogram {
  readonly buckets: Record<number, number>;
  count = 0;
  constructor(buckets: Record<number, number> = {}) {
    this.buckets = buckets;
    for (const n of Object.values(buckets)) this.count += n;
  }
  add(ms: number): void {
    const i = Math.max(0, Math.floor(Math.log(Math.max(ms, BASE_MS) / BASE_MS) / STEP));
    this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    this.count++;
  }
  merge(other: LogHistogram): void {
    for (const [i, n] of Object.entries(other.buckets)) {
      this.buckets[Number(i)] = (this.buckets[Number(i)] ?? 0) + n;
      this.count += n;
    }
  }
  /** Upper edge of the bucket holding percentile `p` (0–100); NaN when empty. */
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (const i of Object.keys(this.buckets)
      .map(Number)
      .sort((a, b) => a - b)) {
      seen += this.buckets[i] as number;
      if (seen >= rank) return BASE_MS * Math.exp((i + 1) * STEP);
    }
    return Number.NaN;
  }
}

/** `GET /flows/0b9c…` → `GET /flows/:id`: ids (uuids, long tokens, numbers) become `:id`. */
export function routeKey(method: string | undefined, url: string | undefined): string {
  const path = (url ?? '').split('?')[0] ?? '';
  const generic = path
    .split('/')
    .map((s) => (/^[0-9a-f-]{16,}$/i.test(s) || /^\d+$/.test(s) || s.length > 24 ? ':id' : s))
    .join('/');
  return `${method ?? '?'} ${generic}`;
}

/** One window of a process's diagnostics (what `take()` returns, JSON-safe). */
export interface ProbeSample {
  /** Wall-clock end of the window (epoch ms). */
  at: number;
  /** Monotonic end of the window (µs, the clock of `--cpu-prof` profiles' timestamps). */
  monoUs: number;
  cpuMs: number;
  heapUsedMb: number;
  rssMb: number;
  eldP99Ms: number;
  eldMaxMs: number;
  gcMs: number;
  gcCount: number;
  /** Server-side time per route (request received → response finished). */
  served: Record<string, Record<number, number>>;
  /** Outgoing node:http requests per route (request sent → response headers). */
  upstream: Record<string, Record<number, number>>;
}

/** Samples this process; `take()` returns the window since the previous `take()`. */
export function startProcessProbe(): { take(): ProbeSample; stop(): void } {
  const eld = monitorEventLoopDelay({ resolution: 10 });
  eld.enable();
  let gcMs = 0;
  let gcCount = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      gcCount++;
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  let served = new Map<string, LogHistogram>();
  let upstream = new Map<string, LogHistogram>();
  const startedAt = new WeakMap<object, number>();
  const record = (into: Map<string, LogHistogram>, key: string, ms: number) => {
    const h = into.get(key) ?? new LogHistogram();
    into.set(key, h);
    h.add(ms);
  };
  const onServerStart = (m: unknown) => {
    startedAt.set((m as { request: object }).request, performance.now());
  };
  const onServerFinish = (m: unknown) => {
    const req = (m as { request: IncomingMessage }).request;
    const t0 = startedAt.get(req);
    if (t0 !== undefined) record(served, routeKey(req.method, req.url), performance.now() - t0);
  };
  const onClientStart = (m: unknown) => {
    startedAt.set((m as { request: object }).request, performance.now());
  };
  const onClientFinish = (m: unknown) => {
    const req = (m as { request: { method?: string; path?: string } }).request;
    const t0 = startedAt.get(req);
    if (t0 !== undefined) record(upstream, routeKey(req.method, req.path), performance.now() - t0);
  };
  dc.subscribe('http.server.request.start', onServerStart);
  dc.subscribe('http.server.response.finish', onServerFinish);
  dc.subscribe('http.client.request.start', onClientStart);
  dc.subscribe('http.client.response.finish', onClientFinish);
  let cpu = process.cpuUsage();
  const plain = (m: Map<string, LogHistogram>) =>
    Object.fromEntries([...m].map(([k, h]) => [k, h.buckets]));
  return {
    take() {
      const nextCpu = process.cpuUsage();
      const sample: ProbeSample = {
        at: Date.now(),
        monoUs: Number(process.hrtime.bigint() / 1000n),
        cpuMs: (nextCpu.user - cpu.user + nextCpu.system - cpu.system) / 1000,
        heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
        rssMb: process.memoryUsage.rss() / 2 ** 20,
        eldP99Ms: eld.percentile(99) / 1e6,
        eldMaxMs: eld.max / 1e6,
        gcMs,
        gcCount,
        served: plain(served),
        upstream: plain(upstream),
      };
      cpu = nextCpu;
      eld.reset();
      gcMs = 0;
      gcCount = 0;
      served = new Map();
      upstream = new Map();
      return sample;
    },
    stop() {
      eld.disable();
      gc.disconnect();
      dc.unsubscribe('http.server.request.start', onServerStart);
      dc.unsubscribe('http.server.response.finish', onServerFinish);
      dc.unsubscribe('http.client.request.start', onClientStart);
      dc.unsubscribe('http.client.response.finish', onClientFinish);
    },
  };
}

/** Sums samples (one window made of several `take()`s); eld/heap take the worst / last. */
export function mergeSamples(samples: ProbeSample[]): ProbeSample | undefined {
  if (samples.length === 0) return undefined;
  const join = (pick: (s: ProbeSample) => Record<string, Record<number, number>>) => {
    const out: Record<string, LogHistogram> = {};
    for (const s of samples)
      for (const [k, b] of Object.entries(pick(s))) {
        out[k] ??= new LogHistogram();
        out[k].merge(new LogHistogram(b));
      }
    return Object.fromEntries(Object.entries(out).map(([k, h]) => [k, h.buckets]));
  };
  const last = samples[samples.length - 1] as ProbeSample;
  return {
    at: last.at,
    monoUs: last.monoUs,
    cpuMs: samples.reduce((n, s) => n + s.cpuMs, 0),
    heapUsedMb: last.heapUsedMb,
    rssMb: last.rssMb,
    eldP99Ms: Math.max(...samples.map((s) => s.eldP99Ms)),
    eldMaxMs: Math.max(...samples.map((s) => s.eldMaxMs)),
    gcMs: samples.reduce((n, s) => n + s.gcMs, 0),
    gcCount: samples.reduce((n, s) => n + s.gcCount, 0),
    served: join((s) => s.served),
    upstream: join((s) => s.upstream),
  };
}

/**
 * With BENCH_CPU_PROF=<dir>, profiles this process (the sandbox and the load, in the soak)
 * until the returned function is called, which writes `<dir>/soak-test-<pid>.cpuprofile`.
 * Without it, does nothing.
 */
export async function profileThisProcess(): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return async () => {};
  const { Session } = await import('node:inspector/promises');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/soak-test-${process.pid}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  };
}

/**
 * In a soak's child process (broker-main.ts, sandbox-main.ts): with `file` set (its
 * HARDENING_SOAK_DIAG), appends one JSON line of this process's probe per second to it,
 * for the parent's per-window table. Without it, does nothing.
 */
export function probeToFile(file: string | undefined): void {
  if (!file) return;
  const probe = startProcessProbe();
  setInterval(() => appendFileSync(file, `${JSON.stringify(probe.take())}\n`), 1000).unref();
}
