import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const bundles = new Map<string, Promise<string>>();

/**
 * Where a child process started from a bundle finds its third-party packages: the bundles
 * keep them external (the optional drivers are loaded with `import()`, which ignores
 * NODE_PATH, so the bundle itself is written under the broker's `node_modules/.cache`).
 */
export const CHILD_NODE_PATH = [
  'packages/broker/node_modules',
  'packages/sandbox/node_modules',
  'packages/api/node_modules',
  'e2e/node_modules',
  'node_modules',
]
  .map((p) => join(repo, p))
  .join(':');

/** The repository's root folder (the children's working directory). */
export const REPO_ROOT = repo;

/**
 * Bundles one child-process entry of this suite (`broker-main.ts`, `sandbox-main.ts`) with
 * the workspace packages' *source* (the `@dotskit/source` condition; their built `dist/`
 * when HARDENING_BROKER_FROM=dist) into one CJS file, once per entry and test process, so
 * the child runs exactly the code under test without depending on anyone's `dist/`.
 * Resolves to the bundle's path.
 */
export function bundleEntry(entry: string): Promise<string> {
  const existing = bundles.get(entry);
  if (existing) return existing;
  const made = (async () => {
    const broker = join(repo, 'packages', 'broker');
    const dir = join(broker, 'node_modules', '.cache', `dotskit-hardening-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, entry.replace(/\.ts$/, '.cjs'));
    await build({
      entryPoints: [fileURLToPath(new URL(`./${entry}`, import.meta.url))],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // `pnpm bench` (suite 7) sets HARDENING_BROKER_FROM=dist: the built packages, as a
      // host runs them; the hardening tests run the source under test.
      conditions: process.env.HARDENING_BROKER_FROM === 'dist' ? [] : ['@dotskit/source'],
      logLevel: 'error',
      plugins: [
        {
          name: 'external-deps',
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (args) =>
              args.path.startsWith('@dotskit/') ? undefined : { path: args.path, external: true },
            );
          },
        },
      ],
    });
    return outfile;
  })();
  bundles.set(entry, made);
  return made;
}
