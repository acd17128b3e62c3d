import { type ChildProcess, spawn } from 'node:child_process';
import { bundleEntry, CHILD_NODE_PATH, REPO_ROOT } from './bundle';
import { API_KEY, CLIENT_ID, JWT_SECRET, WEBHOOK_SECRET } from './constants';
import { procRssBytes, stopChild } from './proc';

/** Options of {@link startBrokerProcess}. */
export interface BrokerProcessOptions {
  /** The sandbox's origin (the broker calls `${sandboxUrl}/api`). */
  sandboxUrl: string;
  /** `sqlite:<path>`, `postgres://…` or `memory:`. */
  databaseUrl: string;
  /** Turns the broker's rate limits off (load tests). Default false. */
  noRateLimit?: boolean;
  /** Upstream retries of the broker's Dots client. Default 2. */
  maxRetries?: number;
  /** Upstream timeout in ms. Default 10 000. */
  timeoutMs?: number;
  /** More environment variables for the child (e.g. the soak's HARDENING_SOAK_DIAG). Default none. */
  env?: Record<string, string>;
}

/** A broker child process; `kill('SIGKILL')` and `start()` again keep the same port. */
export interface BrokerProcess {
  url: string;
  pid(): number;
  /** Starts (again) on the same port and resolves once it listens. */
  start(): Promise<void>;
  /** Sends a signal and resolves when the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Resident set size of the process in bytes (from /proc). */
  rss(): number;
  /** Last lines the process wrote to stderr (diagnostics). */
  stderr(): string;
  /** Whether the process is running. */
  alive(): boolean;
  /** Stops it for good (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/** Starts the broker in a child process and waits until it listens. */
export async function startBrokerProcess(options: BrokerProcessOptions): Promise<BrokerProcess> {
  const file = await bundleEntry('broker-main.ts');
  let port = 0;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let errTail = '';
  const start = () =>
    new Promise<void>((resolve, reject) => {
      // BENCH_CPU_PROF=<dir> profiles the broker as it does bench's servers (diagnostics).
      const prof = process.env.BENCH_CPU_PROF;
      const nodeArgs = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];
      const proc = spawn(process.execPath, [...nodeArgs, file], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          NODE_PATH: CHILD_NODE_PATH,
          DOTS_CLIENT_ID: CLIENT_ID,
          DOTS_API_KEY: API_KEY,
          DOTS_ENVIRONMENT: `${options.sandboxUrl}/api`,
          DOTSKIT_JWT_SECRET: JWT_SECRET,
          DOTS_WEBHOOK_SECRET: WEBHOOK_SECRET,
          DATABASE_URL: options.databaseUrl,
          PORT: String(port),
          HARDENING_RATE_LIMIT: options.noRateLimit ? 'off' : 'on',
          HARDENING_MAX_RETRIES: String(options.maxRetries ?? 2),
          HARDENING_TIMEOUT_MS: String(options.timeoutMs ?? 10_000),
          ...options.env,
        },
      });
      child = proc;
      exited = new Promise((done) => proc.once('exit', () => done()));
      let out = '';
      proc.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m && port === 0) port = Number(m[1]);
        if (m) resolve();
        if (out.length > 10_000) out = out.slice(-1000);
      });
      proc.stderr?.on('data', (chunk: Buffer) => {
        errTail = (errTail + chunk.toString()).slice(-4000);
      });
      proc.once('exit', (code, signal) =>
        reject(new Error(`broker exited before listening (${code ?? signal}): ${errTail}`)),
      );
    });
  await start();
  const proc: BrokerProcess = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    pid: () => child?.pid ?? -1,
    start,
    async kill(signal) {
      child?.kill(signal);
      await exited;
    },
    rss: () => procRssBytes(proc.pid()),
    stderr: () => errTail,
    alive: () => !!child && child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child) await stopChild(child, exited);
    },
  };
  return proc;
}
