import { spawn } from 'node:child_process';
import { bundleEntry, CHILD_NODE_PATH, REPO_ROOT } from './bundle';
import { procRssBytes, stopChild } from './proc';
import { type SandboxClient, sandboxClient } from './sandbox';

/** The sandbox in a child process (`sandbox-main.ts`), read over HTTP and IPC. */
export interface SandboxProcess extends SandboxClient {
  pid(): number;
  /** Webhooks the sandbox has queued and seen fail since it started. */
  totals(): Promise<{ queued: number; failed: number }>;
  /** Sizes of the sandbox's maps (`flows`, `users`, …) and of its webhook log. */
  sizes(): Promise<Record<string, number>>;
  /** Resident set size of the process in bytes (from /proc). */
  rss(): number;
  /** Stops it (SIGTERM, then SIGKILL after 5 s) and resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts the sandbox (the suite's options) in its own process and resolves once it
 * listens; `env` adds variables (e.g. HARDENING_SOAK_DIAG). Rejects with its stderr if it
 * exits first.
 */
export async function startSandboxProcess(
  env: Record<string, string> = {},
): Promise<SandboxProcess> {
  const file = await bundleEntry('sandbox-main.ts');
  const child = spawn(process.execPath, [file], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, NODE_PATH: CHILD_NODE_PATH, ...env },
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let errTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errTail = (errTail + chunk.toString()).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-2000);
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`sandbox exited before listening (${code ?? signal}): ${errTail}`)),
    );
  });
  let nextId = 0;
  const waiting = new Map<number, (msg: { result?: unknown; error?: string }) => void>();
  child.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
    waiting.get(msg.id)?.(msg);
    waiting.delete(msg.id);
  });
  const call = <T>(cmd: string) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (msg) =>
        msg.error ? reject(new Error(msg.error)) : resolve(msg.result as T),
      );
      child.send({ id, cmd });
    });
  return {
    ...sandboxClient(url),
    pid: () => child.pid ?? -1,
    totals: () => call('totals'),
    sizes: () => call('sizes'),
    rss: () => procRssBytes(child.pid ?? -1),
    stop: () => stopChild(child, exited),
  };
}
