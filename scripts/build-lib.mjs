#!/usr/bin/env node
// Builds the package in the current directory into dist/:
//   - library entries: ESM (.js) and CJS (.cjs) bundles with esbuild, dependencies external,
//     and declarations for both formats (.d.ts / .d.cts, see lib/emit-declarations.mjs);
//     a dependency with no CommonJS entry (e.g. jose 6) is bundled into the .cjs output,
//     because Node before 20.19 / 22.12 cannot require() an ES module (see lib/esm-only.mjs);
//   - bin entries (--bin=): ESM only, as `bin` in package.json runs them (no CJS copy, no types);
//   - --modules: one output file per source module instead of one bundle per entry, so a
//     host's bundler drops the modules it does not use and merges the React imports
//     (esbuild does not merge the imports of an external package inside one bundle, and
//     keeps the unused ones; see lib/per-module.mjs);
//   - assets (--asset=): copied as they are; a CSS asset gets a declaration of no exports
//     beside it (`x.css.d.cts`: CommonJS, so ESM and CJS files may both import it), which
//     package.json names as the asset's `types`, so that `import 'pkg/x.css'` typechecks for
//     a host that checks side-effect imports (`noUncheckedSideEffectImports`, on by default
//     in newer TypeScript).
// Usage: node ../../scripts/build-lib.mjs [src/a.ts ...] [--bin=src/bin.ts] [--asset=src/x.css]
//        [--banner="'use client';"] [--modules]   (library entries default to src/index.ts)
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { emitDeclarations } from './lib/emit-declarations.mjs';
import { bundleEsmOnlyDependencies } from './lib/esm-only.mjs';
import { perModule, sourceModules } from './lib/per-module.mjs';

const args = process.argv.slice(2);
const valuesOf = (flag) =>
  args.filter((a) => a.startsWith(`--${flag}=`)).map((a) => a.slice(flag.length + 3));
const entries = args.filter((a) => !a.startsWith('--'));
if (entries.length === 0) entries.push('src/index.ts');
const bins = valuesOf('bin');
const assets = valuesOf('asset');
const [bannerText] = valuesOf('banner');
const modules = args.includes('--modules');

rmSync('dist', { recursive: true, force: true });
const common = {
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  packages: 'external',
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  jsx: 'automatic',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
};
const library = {
  ...common,
  entryPoints: modules ? await sourceModules(common, entries) : entries,
  banner: bannerText && { js: bannerText },
};
const perModulePlugins = (extension) => (modules ? [perModule(extension)] : []);
await build({
  ...library,
  format: 'esm',
  outExtension: { '.js': '.js' },
  plugins: perModulePlugins('.js'),
});
await build({
  ...library,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  plugins: [...perModulePlugins('.cjs'), bundleEsmOnlyDependencies(path.resolve('package.json'))],
});
if (bins.length > 0) {
  await build({ ...common, entryPoints: bins, platform: 'node', format: 'esm' });
}

for (const asset of assets) {
  const target = path.join('dist', path.relative('src', asset));
  copyFileSync(asset, target);
  if (asset.endsWith('.css')) {
    writeFileSync(
      `${target}.d.cts`,
      '// A stylesheet, imported for its side effects.\nexport {};\n',
    );
  }
}

const count = emitDeclarations(entries);
console.log(`build-lib: ${entries.join(', ')} → ESM + CJS, ${count} declaration files per format`);
