// Loads the workspace packages the way a user would: their built `dist/`. A package that is
// not built is an error (the suite's rows say "not run: … not built"), never a silent
// fallback to its source, so that a results table always measures what ships.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
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
 * Imports a workspace package (`@dotskit/broker` …) from its built `dist/index.js`. Throws
 * an Error saying what to run when it is not built, for the suite's "not run" row.
 */
export function loadWorkspace(name) {
  if (!cache.has(name)) cache.set(name, load(name));
  return cache.get(name);
}

/**
 * Where `loadWorkspace(name)` loads from, for the results header: `dist`, `dist (OLDER than
 * src: run pnpm build)`, or `NOT BUILT (no dist/index.js: run pnpm build)`.
 */
export function loadedFrom(name) {
  const dir = packageDir(name);
  const dist = path.join(dir, 'dist', 'index.js');
  if (!existsSync(dist)) return 'NOT BUILT (no dist/index.js: run pnpm build)';
  return statSync(dist).mtimeMs >= newestMtime(path.join(dir, 'src'))
    ? 'dist'
    : 'dist (OLDER than src: run pnpm build)';
}

async function load(name) {
  const dist = path.join(packageDir(name), 'dist', 'index.js');
  if (!existsSync(dist)) {
    throw new Error(`${name} is not built (no dist/index.js): run pnpm build first`);
  }
  const mod = await import(pathToFileURL(dist).href);
  if (Object.keys(mod).length === 0) throw new Error(`${name} exports nothing`);
  return mod;
}

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}
