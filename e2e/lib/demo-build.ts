import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** The demo front end the tests load (`apps/demo/dist`, made by `vite build`). */
export const DEMO_DIST = resolve(repo, 'apps/demo/dist');

/**
 * Builds the demo front end and its workspace dependencies (through turbo) when it is
 * missing, e.g. on a fresh checkout running only the e2e suite.
 */
export function ensureDemoBuilt(): void {
  if (existsSync(resolve(DEMO_DIST, 'index.html'))) return;
  execFileSync('pnpm', ['turbo', 'run', 'build', '--filter=@dotskit/demo...'], {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
}
