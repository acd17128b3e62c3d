// Small process helpers shared by the packaging check (no shell: arguments pass as they are).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A binary of the workspace's own devDependencies (node_modules/.bin at the root). */
export const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

/** Environment for child processes: no telemetry or update checks. */
export const childEnv = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  npm_config_update_notifier: 'false',
};

/**
 * Runs a command to completion and returns its output; throws with the output when it
 * exits non-zero (unless `allowFailure`, then the caller reads `status`).
 * @param {string} command @param {string[]} args
 * @param {{ cwd?: string, allowFailure?: boolean, env?: NodeJS.ProcessEnv }} [options]
 */
export function run(command, args, options = {}) {
  const r = spawnSync(command, args, {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? childEnv,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error) throw r.error;
  if (r.status !== 0 && !options.allowFailure) {
    throw new Error(`\`${command} ${args.join(' ')}\` failed (exit ${r.status}):\n${output}`);
  }
  return { status: r.status ?? 1, stdout: r.stdout ?? '', output };
}

/**
 * `run` without blocking: resolves `{ status, stdout, output }` when the command exits
 * (throws as `run` does on a non-zero exit unless `allowFailure`), so checks can overlap.
 * @param {string} command @param {string[]} args
 * @param {{ cwd?: string, allowFailure?: boolean, env?: NodeJS.ProcessEnv }} [options]
 */
export function runAsync(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const status = code ?? 1;
      if (status !== 0 && !options.allowFailure) {
        reject(new Error(`\`${command} ${args.join(' ')}\` failed (exit ${status}):\n${output}`));
      } else resolve({ status, stdout, output });
    });
  });
}

/**
 * Starts a long-running command in its own process group and resolves `ready` once a line
 * of its output matches `ready` (with the match); rejects when it exits first or
 * `timeoutMs` passes. `stop()` sends SIGTERM to the whole group (package managers do not
 * always pass signals on to the script they run), then SIGKILL if any process of the group
 * is left after 10 s; it resolves `{ killed }` (true when SIGKILL was needed) once the
 * whole group is gone.
 * @param {string} command @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, ready: RegExp, timeoutMs?: number }} options
 */
export function start(command, args, options) {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const groupAlive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  // The group, not the child: a package manager may exit at once while the app it ran
  // is still shutting down.
  const stop = async () => {
    if (!groupAlive()) return { killed: false };
    process.kill(-child.pid, 'SIGTERM');
    const deadline = performance.now() + 10_000;
    while (groupAlive() && performance.now() < deadline) await delay(100);
    if (!groupAlive()) return { killed: false };
    process.kill(-child.pid, 'SIGKILL');
    for (let i = 0; i < 50 && groupAlive(); i++) await delay(100);
    return { killed: true };
  };
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${command} ${args.join(' ')} not ready in time:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk) => {
      output += chunk;
      const match = options.ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited (${code}) before ready:\n${output}`));
    });
  });
  return { child, ready, stop, output: () => output };
}

/** Measures how long `fn` takes; logs `label` with the time. */
export async function timed(label, fn) {
  const t0 = performance.now();
  const result = await fn();
  console.log(`  ✓ ${label} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return result;
}
