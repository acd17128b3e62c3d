// The `--modules` layout of scripts/build-lib.mjs: every source module an entry reaches
// becomes its own output file, importing its siblings by their output names.
//
// Why: a host bundles the package with React external. Inside one pre-bundled file,
// esbuild (ours, and a host's) keeps one `import … from "react"` per source module, and
// keeps the imports of code the host tree-shook away (evanw/esbuild#475); as separate
// modules under `"sideEffects"`, the host drops unused modules whole, imports included.
import path from 'node:path';
import { build } from 'esbuild';

const SOURCE = /\.(ts|tsx|js|jsx|mts)$/;

/**
 * The source files (paths relative to the package) that `entries` reach through relative
 * imports, entries included, found by a bundling pass with `options` (nothing written).
 * @param {import('esbuild').BuildOptions} options
 * @param {string[]} entries
 * @returns {Promise<string[]>}
 */
export async function sourceModules(options, entries) {
  const r = await build({
    ...options,
    entryPoints: entries,
    format: 'esm',
    write: false,
    metafile: true,
    sourcemap: false,
    logLevel: 'silent',
  });
  const root = path.resolve('src');
  return Object.keys(r.metafile.inputs)
    .map((p) => path.resolve(p))
    .filter((p) => p.startsWith(root + path.sep) && SOURCE.test(p))
    .map((p) => path.relative(process.cwd(), p));
}

/**
 * An esbuild plugin that leaves every relative import external, rewritten to the output
 * file of the module it resolves to (`./errors` → `./errors.js`, or `.cjs` per
 * `extension`). Throws when one resolves outside `src/` (it would have no output file).
 * @param {'.js' | '.cjs'} extension
 * @returns {import('esbuild').Plugin}
 */
export function perModule(extension) {
  return {
    name: 'dotskit-per-module',
    setup(b) {
      const root = path.resolve('src');
      b.onResolve({ filter: /^\.\.?(\/|$)/ }, async (args) => {
        if (args.pluginData === 'per-module' || args.kind === 'entry-point') return undefined;
        const r = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'per-module',
        });
        if (r.errors.length > 0) return { errors: r.errors };
        if (!r.path.startsWith(root + path.sep) || !SOURCE.test(r.path)) {
          if (r.path.endsWith('.css')) return undefined;
          throw new Error(`[dotskit] build --modules: ${r.path} is outside src/`);
        }
        let rel = path
          .relative(path.dirname(args.importer), r.path)
          .split(path.sep)
          .join('/')
          .replace(SOURCE, extension);
        if (!rel.startsWith('.')) rel = `./${rel}`;
        return { path: rel, external: true };
      });
    },
  };
}
