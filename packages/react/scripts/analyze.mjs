#!/usr/bin/env node
// Shows what a consumer bundle is made of (esbuild metafile), to work on the size budget.
// Usage: node scripts/analyze.mjs [all|flow] [--code]
import { analyzeMetafile, build } from 'esbuild';

const entry =
  process.argv[2] === 'all'
    ? `export * from './src/index.ts';`
    : `export { DotsProvider, DotsFlow } from './src/index.ts';`;
const r = await build({
  stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true,
  write: false,
  minify: true,
  metafile: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  jsx: 'automatic',
  external: ['react', 'react-dom', 'react/jsx-runtime'],
  define: { 'process.env.NODE_ENV': '"production"' },
});
if (process.argv.includes('--code')) console.log(r.outputFiles[0].text);
else console.log(await analyzeMetafile(r.metafile));
