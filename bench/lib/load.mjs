// Loads the workspace packages the way a user would (their built `dist/`). When a package
// has not been built yet, bundles its `src/` with esbuild into a cache inside that
// package's node_modules, so that a benchmark can still run against the current source.
import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(benchDir, '..');

/** Directory of a workspace package, e.g. `packageDir('@dotskit/broker')`. */
export function packageDir(name) {
  return realpathSync(path.join(benchDir, 'node_modules', ...name.split('/')));
}

/** `require` that resolves modules as the given workspace package does (its own deps). */
export function requireFrom(pkgName) {
  return createRequire(path.join(packageDir(pkgName), 'package.json'));
}

const cache = new Map();

/**
 * Imports a workspace package (`@dotskit/broker` …). Uses `dist/` when built and not older
 * than `src/`; otherwise bundles `src/index.ts`. Throws an Error whose message says what is
 * missing, for the suite's "not run" row.
 */
export function loadWorkspace(name) {
  if (!cache.has(name)) cache.set(name, load(name));
  return cache.get(name);
}

/** Whether `loadWorkspace(name)` will use the package's `dist/` or bundle its `src/`. */
export function loadedFrom(name) {
  const dir = packageDir(name);
  const dist = path.join(dir, 'dist', 'index.js');
  if (!existsSync(path.join(dir, 'src', 'index.ts'))) return 'missing';
  return existsSync(dist) && statSync(dist).mtimeMs >= newestMtime(path.join(dir, 'src'))
    ? 'dist'
    : 'src';
}

async function load(name) {
  const dir = packageDir(name);
  const dist = path.join(dir, 'dist', 'index.js');
  const from = loadedFrom(name);
  if (from === 'missing') throw new Error(`${name} has no src/index.ts yet`);
  const mod =
    from === 'dist'
      ? await import(pathToFileURL(dist).href)
      : await import(pathToFileURL(await bundleSource(name, dir)).href);
  if (Object.keys(mod).length === 0) throw new Error(`${name} exports nothing yet`);
  return mod;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

async function bundleSource(name, dir) {
  const { build } = await import('esbuild');
  const outDir = path.join(dir, 'node_modules', '.dotskit-bench');
  mkdirSync(outDir, { recursive: true });
  // Built under a per-process name, then renamed (atomic) over the shared one, so that
  // servers starting at the same time never read a half-written bundle.
  const outfile = path.join(outDir, 'index.mjs');
  const tmpfile = path.join(outDir, `index-${process.pid}.tmp.mjs`);
  await build({
    entryPoints: [path.join(dir, 'src', 'index.ts')],
    outfile: tmpfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    conditions: ['@dotskit/source'],
    logLevel: 'error',
    plugins: [
      {
        // Keep third-party packages external (resolved from the package's own
        // node_modules at run time); inline the other workspace packages' sources.
        name: 'externals',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@dotskit/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  }).catch((err) => {
    throw new Error(`${name} does not build from source yet (${err.message.split('\n')[0]})`);
  });
  renameSync(tmpfile, outfile);
  return outfile;
}
