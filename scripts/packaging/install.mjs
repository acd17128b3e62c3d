// A throwaway host project that installs the packed tarballs, never workspace links: each
// @dotskit package comes from its .tgz, including when another tarball depends on it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from './run.mjs';

/**
 * Installs `manifest` in `dir` with every `@dotskit/*` dependency replaced by its tarball
 * (`file:` specs, and overrides so the tarballs' own dependencies on each other use them).
 * pnpm runs from the machine's store, offline when it can; dependencies' install scripts
 * are not run (none is needed: better-sqlite3's native module is loaded only when a SQLite
 * store is opened, and the checks use the memory store).
 * @param {string} dir
 * @param {Record<string, any>} manifest package.json without the tarball wiring
 * @param {{ name: string, tarball: string }[]} tarballs
 */
export function installWithTarballs(dir, manifest, tarballs) {
  const fromTarball = Object.fromEntries(tarballs.map((t) => [t.name, `file:${t.tarball}`]));
  const dependencies = { ...manifest.dependencies };
  for (const name of Object.keys(dependencies)) {
    if (fromTarball[name]) dependencies[name] = fromTarball[name];
  }
  const wired = {
    ...manifest,
    dependencies,
    pnpm: { ...manifest.pnpm, overrides: { ...manifest.pnpm?.overrides, ...fromTarball } },
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(wired, null, 2)}\n`);
  run('pnpm', ['install', '--prefer-offline', '--ignore-scripts', '--reporter=append-only'], {
    cwd: dir,
  });
}

/** A fresh temporary directory whose name starts with `prefix`. */
export const tempDir = (prefix) => mkdtempSync(path.join(tmpdir(), prefix));
