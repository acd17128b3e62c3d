#!/usr/bin/env node
// Entry point of the README's commands. Needs only Node 20 and npm: gets the pinned pnpm
// if it is missing, installs the workspace, builds what the command needs, then runs it.
// Usage: node scripts/bootstrap.mjs start|test|bench [args...]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(
  readFileSync(path.join(root, 'package.json'), 'utf8'),
).packageManager.split('@')[1];
const env = {
  ...process.env,
  STORYBOOK_DISABLE_TELEMETRY: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  ...(existsSync('/usr/include/node/node.h') ? { npm_config_nodedir: '/usr' } : {}),
};

function log(line) {
  process.stdout.write(`[dotskit] ${line}\n`);
}

function pnpmVersion() {
  const r = spawnSync('pnpm', ['--version'], { encoding: 'utf8', env });
  return r.status === 0 ? r.stdout.trim() : null;
}

function ensurePnpm() {
  if (pnpmVersion() === pinned) return ['pnpm'];
  log(`installing pnpm ${pinned} with npm`);
  const r = spawnSync('npm', ['install', '-g', `pnpm@${pinned}`], { stdio: 'inherit', env });
  if (r.status === 0 && pnpmVersion() === pinned) return ['pnpm'];
  log('global install not possible here; using npx instead');
  return ['npx', '-y', `pnpm@${pinned}`];
}

function run(cmd, args) {
  execFileSync(cmd[0], [...cmd.slice(1), ...args], { stdio: 'inherit', env, cwd: root });
}

/**
 * The store tests need a real PostgreSQL. Uses DOTSKIT_TEST_PG_URL when set, otherwise
 * starts a throwaway cluster with .ci/pg.sh (needs Debian's postgresql: initdb, pg_ctl).
 */
function startPostgresIfNeeded() {
  if (env.DOTSKIT_TEST_PG_URL) return () => {};
  const r = spawnSync('bash', [path.join(root, '.ci/pg.sh'), 'start'], { encoding: 'utf8', env });
  if (r.status !== 0) {
    log("could not start PostgreSQL (install Debian's postgresql, or set DOTSKIT_TEST_PG_URL):");
    process.stderr.write(r.stderr);
    process.exit(1);
  }
  const vars = Object.fromEntries(
    r.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/=(.*)/s).slice(0, 2)),
  );
  Object.assign(env, vars);
  log(`PostgreSQL for tests at ${vars.DOTSKIT_TEST_PG_URL}`);
  return () =>
    spawnSync('bash', [
      path.join(root, '.ci/pg.sh'),
      'stop',
      vars.DOTSKIT_PG_DIR,
      vars.DOTSKIT_PG_BIN,
    ]);
}

const [command = 'test', ...rest] = process.argv.slice(2);
const pnpm = ensurePnpm();
log('installing dependencies');
run(pnpm, ['install', '--frozen-lockfile']);

if (command === 'test') {
  const stopPostgres = startPostgresIfNeeded();
  try {
    run(pnpm, ['run', 'test:all', ...rest]);
  } finally {
    stopPostgres();
  }
} else if (command === 'bench') {
  run(pnpm, ['turbo', 'run', 'build']);
  run(pnpm, ['--filter', '@dotskit/bench', 'run', 'bench', ...rest]);
} else if (command === 'start') {
  run(pnpm, ['turbo', 'run', 'build']);
  // Node runs the demo's start script directly (no pnpm in between, which would not pass
  // SIGTERM on), so a signal here reaches the process that stops the servers.
  const child = spawn(process.execPath, ['server/start.mjs', ...rest], {
    stdio: 'inherit',
    env,
    cwd: path.join(root, 'apps/demo'),
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  log(`unknown command "${command}": use start, test or bench`);
  process.exit(2);
}
