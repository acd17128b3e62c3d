// Parent side of servers/child.mjs: starts a server role in its own Node process.
import { fork } from 'node:child_process';
import path from 'node:path';
import { benchDir } from './load.mjs';

/**
 * Starts `servers/<role>.mjs` in a child process with `opts`; resolves once it listens.
 * The handle has `url`, `pid`, `call(cmd, ...args)`, `rss()` and `close()`.
 */
export function startChild(role, opts = {}, { timeoutMs = 60_000 } = {}) {
  const child = fork(path.join(benchDir, 'servers', 'child.mjs'), [role], {
    env: { ...process.env, BENCH_OPTS: JSON.stringify(opts) },
    // BENCH_CPU_PROF=<dir> profiles every server (diagnostics, not used by the suites).
    execArgv: [
      '--expose-gc',
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
    ],
    stdio: ['ignore', process.env.BENCH_DEBUG ? 'inherit' : 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-2000);
    if (process.env.BENCH_DEBUG) process.stderr.write(d);
  });
  let nextId = 1;
  const pending = new Map();
  child.on('message', (msg) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new Error(msg.error));
  });
  const call = (cmd, ...args) =>
    new Promise((resolve, reject) => {
      if (!child.connected) return reject(new Error(`${role} server is not running`));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, cmd, args });
    });
  let exited = false;
  const exitPromise = new Promise((resolve) =>
    child.on('exit', () => {
      exited = true;
      for (const p of pending.values())
        p.reject(new Error(`${role} server exited: ${lastLine(stderr)}`));
      resolve();
    }),
  );
  const handle = {
    pid: child.pid,
    url: '',
    info: null,
    call,
    rss: () => call('rss'),
    async close() {
      if (exited) return;
      await Promise.race([call('close').catch(() => {}), exitPromise]);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${role} server did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', (msg) => {
      if (msg.type === 'ready') {
        clearTimeout(timer);
        handle.url = msg.url;
        handle.info = msg.info;
        resolve(handle);
      } else if (msg.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`${role}: ${msg.error}`));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${role} server exited with ${code}: ${lastLine(stderr)}`));
    });
  });
}

function lastLine(text) {
  return text.trim().split('\n').pop() ?? '';
}

/** Closes every handle, ignoring the ones that never started. */
export async function closeAll(...handles) {
  await Promise.all(handles.filter(Boolean).map((h) => h.close().catch(() => {})));
}
