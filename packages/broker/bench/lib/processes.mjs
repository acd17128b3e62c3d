// Starting, stopping and talking to the benchmark's server processes.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const childEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server-child.mjs');
export const children = new Set();
export function spawnServer(kind, config) {
  return new Promise((resolve, reject) => {
    const execArgv =
      kind === 'broker' && process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : [];
    const child = fork(childEntry, [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env },
      execArgv,
    });
    children.add(child);
    child.send({ kind, config });
    child.once('message', (m) => resolve({ child, ...m }));
    child.once('exit', (code) => reject(new Error(`${kind} exited (${code})`)));
  });
}
export function stop(server) {
  server.child.removeAllListeners('exit');
  server.child.kill('SIGTERM');
  children.delete(server.child);
  return new Promise((resolve) => server.child.once('exit', resolve));
}
export const rpc = (server, msg) =>
  new Promise((resolve) => {
    server.child.once('message', resolve);
    server.child.send(msg);
  });
export const rssMb = (pid) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
