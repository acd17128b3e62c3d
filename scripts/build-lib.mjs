#!/usr/bin/env node
// Builds the package in the current directory: ESM (.js) + CJS (.cjs) with esbuild,
// dependencies left external, then declarations with tsc. Entries are given as args
// (default: src/index.ts). Usage: node ../../scripts/build-lib.mjs [src/a.ts ...] [--banner="'use client';"]
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const bannerArg = args.find((a) => a.startsWith('--banner='));
const entries = args.filter((a) => !a.startsWith('--'));
if (entries.length === 0) entries.push('src/index.ts');
const banner = bannerArg ? { js: bannerArg.slice('--banner='.length) } : undefined;

rmSync('dist', { recursive: true, force: true });
const common = {
  entryPoints: entries,
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  packages: 'external',
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  jsx: 'automatic',
  banner,
  logLevel: 'warning',
};
await build({
  ...common,
  format: 'esm',
  outExtension: { '.js': '.js' },
  mainFields: ['module', 'main'],
});
await build({
  ...common,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  mainFields: ['module', 'main'],
});

const require = createRequire(import.meta.url);
const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
