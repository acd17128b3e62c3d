#!/usr/bin/env node
// Size budget of @dotskit/react, measured the way a host's bundler sees the package: the
// BUILT package (dist/) resolved by name through its `exports` map from a consumer's
// node_modules, with the default conditions (not `@dotskit/source`), minified, with
// `process.env.NODE_ENV` defined as "production", React external, then gzip -9.
// `bench/suites/bundle-size.mjs` imports this module, so the package's check and the
// benchmark report the same bytes.
// Usage: node scripts/size.mjs [--check] [--json]   (--check: exit 1 when over budget)
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** This package's directory. */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The budgeted entries (bytes, min+gzip, JavaScript only; `styles.css` is printed beside
 * them). An app that uses only DotsProvider + DotsFlow must not ship the rest.
 * `budget` is the target (issue 18) that the benchmark reports as met or missed;
 * `ceiling` is what `--check` fails on, a little above today's size, so that a change
 * that grows the package fails CI while the targets are not yet met (bench/README.md
 * says where the bytes go).
 */
export const ENTRIES = [
  {
    name: 'DotsProvider + DotsFlow',
    code: `export { DotsProvider, DotsFlow } from '@dotskit/react';`,
    budget: 4096,
    ceiling: 5120,
  },
  {
    name: 'whole package',
    code: `export * from '@dotskit/react';`,
    budget: 7168,
    ceiling: 11520,
  },
];

/** React stays the host's: it is never counted. */
const EXTERNAL = ['react', 'react-dom', 'react/*', 'react-dom/*'];

/**
 * Bundles `code` (an ES module; JSX allowed) as a host app would and returns
 * `{ min, gzip, css, text, inputs }`: minified JS bytes, their gzip -9 size, the gzip size
 * of any CSS the entry imports, the minified JS (to look for scripts it loads at run time)
 * and the files esbuild read (absolute paths, to show what was measured).
 * Bare imports resolve from `resolveDir` (a consumer location) with esbuild's default
 * conditions for the browser.
 */
export async function bundleSize(code, resolveDir) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'dotskit-size-out-'));
  try {
    const r = await build({
      stdin: { contents: code, resolveDir, loader: 'jsx', sourcefile: 'host-entry.jsx' },
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      jsx: 'automatic',
      external: EXTERNAL,
      define: { 'process.env.NODE_ENV': '"production"' },
      loader: { '.css': 'css' },
      outdir,
      metafile: true,
      logLevel: 'silent',
    });
    let js = null;
    let css = 0;
    for (const file of r.outputFiles) {
      if (file.path.endsWith('.css')) css += gzipSync(file.contents, { level: 9 }).length;
      else js = file;
    }
    if (!js) throw new Error('esbuild produced no JavaScript');
    return {
      min: js.contents.length,
      gzip: gzipSync(js.contents, { level: 9 }).length,
      css,
      text: js.text,
      inputs: Object.keys(r.metafile.inputs)
        .filter((p) => !p.endsWith('host-entry.jsx'))
        .map((p) => path.resolve(p)),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Absolute script URLs a bundle would load at run time: `.js` URLs in its code (the
 * CDN scripts peers inject), and whether it creates `<script>` elements at all.
 */
export function runtimeScripts(text) {
  const urls = [...new Set(text.match(/https?:\/\/[\w.-]+(?::\d+)?\/[\w./-]*\.js\b/g) ?? [])];
  return { urls, injectsScript: /createElement\(\s*["'`]script["'`]\s*\)/.test(text) };
}

/**
 * Throws a `[dotskit]` Error unless dist/ is built and not older than src/: the budget
 * is about what ships, so a stale build must not pass or fail it.
 */
export function assertBuilt() {
  const dist = path.join(packageRoot, 'dist', 'index.js');
  if (!existsSync(dist)) {
    throw new Error(
      '[dotskit] @dotskit/react is not built: run `pnpm --filter @dotskit/react build`.',
    );
  }
  if (statSync(dist).mtimeMs < newestMtime(path.join(packageRoot, 'src'))) {
    throw new Error(
      '[dotskit] @dotskit/react dist/ is older than src/: run `pnpm --filter @dotskit/react build`.',
    );
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (!/\.(test|stories)\.tsx?$/.test(e.name))
      newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Runs `fn(dir)` with `dir` a throwaway consumer app whose node_modules/@dotskit/react
 * links to this package, as a host's install does; removes it afterwards.
 */
export async function withConsumer(fn) {
  const dir = mkdtempSync(path.join(tmpdir(), 'dotskit-size-host-'));
  try {
    mkdirSync(path.join(dir, 'node_modules', '@dotskit'), { recursive: true });
    symlinkSync(packageRoot, path.join(dir, 'node_modules', '@dotskit', 'react'), 'dir');
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Measures every budgeted entry and `styles.css` from the built package. Resolves
 * `{ entries: [{ name, min, gzip, budget, over, scripts }], css }` (bytes).
 */
export async function measure() {
  assertBuilt();
  return withConsumer(async (dir) => {
    const entries = [];
    for (const e of ENTRIES) {
      const r = await bundleSize(e.code, dir);
      entries.push({
        name: e.name,
        min: r.min,
        gzip: r.gzip,
        budget: e.budget,
        ceiling: e.ceiling,
        over: r.gzip > e.budget,
        overCeiling: r.gzip > e.ceiling,
        scripts: runtimeScripts(r.text),
      });
    }
    const { css } = await bundleSize(`import '@dotskit/react/styles.css';`, dir);
    return { entries, css };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let result;
  try {
    result = await measure();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else {
    console.log(
      '@dotskit/react from dist/ through its exports map (esbuild, minified, NODE_ENV=production, React external, gzip -9)',
    );
    console.log(
      '| entry | min | min+gzip | target (issue 18) | ceiling (--check) |\n|---|---:|---:|---:|---:|',
    );
    for (const r of result.entries)
      console.log(
        `| ${r.name} | ${r.min} B | ${r.gzip} B | ${r.budget} B ${r.over ? 'missed' : 'met'} | ${r.ceiling} B${r.overCeiling ? ' OVER' : ''} |`,
      );
    console.log(`| styles.css (not in the budgets) | – | ${result.css} B | – | – |`);
  }
  if (process.argv.includes('--check') && result.entries.some((r) => r.overCeiling)) {
    console.error('[dotskit] @dotskit/react grew past its size ceiling.');
    process.exit(1);
  }
}
