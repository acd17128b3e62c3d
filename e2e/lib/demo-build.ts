import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const demo = resolve(repo, 'apps/demo');

/** The demo front end the tests load (`apps/demo/dist`, made by `vite build`). */
export const DEMO_DIST = resolve(demo, 'dist');

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * Builds the demo front end when it, or a workspace package's `dist/`, is missing, or when
 * it is older than its sources (a fresh checkout
 * running only the e2e suite, or a source edit since the last build): through turbo, so
 * that the workspace packages it imports are built first.
 */
export function ensureDemoBuilt(): void {
  const built = resolve(DEMO_DIST, 'index.html');
  const sources = [resolve(demo, 'src'), resolve(demo, 'index.html')];
  const packagesBuilt = ['api', 'sandbox', 'broker', 'react'].every((name) =>
    existsSync(resolve(repo, 'packages', name, 'dist/index.js')),
  );
  if (
    packagesBuilt &&
    existsSync(built) &&
    statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime))
  ) {
    return;
  }
  execFileSync('pnpm', ['turbo', 'run', 'build', '--filter=@dotskit/demo...'], {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
}

/** Storybook's static build (`pnpm build-storybook`), which the Storybook test opens. */
export const STORYBOOK_STATIC = resolve(repo, 'storybook-static');

/**
 * Runs `pnpm build-storybook` when the static build is missing or older than the stories,
 * the Storybook config or the React package's sources.
 */
export function ensureStorybookBuilt(): void {
  const built = resolve(STORYBOOK_STATIC, 'index.json');
  const sources = [
    resolve(demo, 'stories'),
    resolve(repo, '.storybook'),
    resolve(repo, 'packages/react/src'),
  ];
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime))) {
    return;
  }
  execFileSync('pnpm', ['build-storybook'], {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
}
