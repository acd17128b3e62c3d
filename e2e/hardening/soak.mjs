#!/usr/bin/env node
// Long soak variant of the hardening suite (issue 8 part 4), for `pnpm bench`:
//   node e2e/hardening/soak.mjs --minutes 10 [--streams 1000] [--window 60] [--diag]
// Runs e2e/hardening/soak.test.ts with HARDENING_SOAK_SECONDS set; prints the same tables
// (also appended to e2e/hardening/results/soak.md). Exit code: vitest's. `--window` sets the
// per-window table's length in seconds (default: the drift window, 60 s from 2 minutes up);
// `--diag` also probes the broker and the test process (event-loop delay, GC, heap,
// per-route server time: soak-windows.ts), which costs each request a little.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const minutes = option('minutes', 10);
const streams = option('streams', 1000);
const window = option('window', undefined);
if (!(minutes > 0) || !(streams > 0) || (window !== undefined && !(window > 0))) {
  console.error(
    'usage: node e2e/hardening/soak.mjs [--minutes 10] [--streams 1000] [--window 60] [--diag]',
  );
  process.exit(2);
}
const child = spawn(
  process.execPath,
  [
    join(repo, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '--config',
    join(here, 'vitest.config.ts'),
    'soak.test.ts',
  ],
  {
    cwd: repo,
    stdio: 'inherit',
    env: {
      ...process.env,
      HARDENING_SOAK_SECONDS: String(Math.round(minutes * 60)),
      HARDENING_SOAK_STREAMS: String(streams),
      ...(window === undefined ? {} : { HARDENING_SOAK_WINDOW_SECONDS: String(window) }),
      ...(args.includes('--diag') ? { HARDENING_SOAK_DIAGNOSE: '1' } : {}),
    },
  },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
