// The CommonJS build of a package `require()`s its dependencies. Node 20.11–20.18 and
// 22.0–22.11 (inside our `engines`) cannot require() an ES module (ERR_REQUIRE_ESM), so a
// dependency that only ships ESM (jose 6, for instance) is bundled into the .cjs output
// instead of left external. The ESM build keeps every dependency external.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';

/** True when Node loads `file` as an ES module (.mjs, or .js under `"type": "module"`). */
export function isEsmFile(file) {
  if (file.endsWith('.mjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')).type === 'module';
    if (path.dirname(dir) === dir) return false;
  }
}

/**
 * An esbuild plugin for the CJS build: bare imports whose `require` resolution (from the
 * package at `manifestPath`) is an ES module, or that have no `require` entry at all, are
 * bundled; every other package stays external.
 * @param {string} manifestPath the package.json of the package being built
 * @returns {import('esbuild').Plugin}
 */
export function bundleEsmOnlyDependencies(manifestPath) {
  const requireFrom = createRequire(manifestPath);
  const esmOnly = (specifier) => {
    if (isBuiltin(specifier)) return false;
    try {
      return isEsmFile(requireFrom.resolve(specifier));
    } catch (error) {
      if (error?.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw error;
      throw new Error(
        `[dotskit] build: ${specifier} has no CommonJS entry to bundle from; the .cjs build ` +
          'cannot require() it on every Node version in engines',
      );
    }
  };
  return {
    name: 'bundle-esm-only-dependencies',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind !== 'import-statement' && args.kind !== 'dynamic-import') return undefined;
        if (!args.importer.startsWith(path.dirname(manifestPath) + path.sep)) return undefined;
        if (!esmOnly(args.path)) return undefined;
        return { path: requireFrom.resolve(args.path) };
      });
    },
  };
}
