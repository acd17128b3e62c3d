#!/usr/bin/env node
// Size budget: bundles consumer entries the way an app would (esbuild, minified, React
// and react-dom external, zustand included) and gzips them. Prints the figures;
// with --check, exits 1 when an entry is over budget.
// Usage: node scripts/size.mjs [--check] [--json]
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const src = fileURLToPath(new URL('../src/index.ts', import.meta.url));
// Budgets include the link check, frame sandboxing and dev error codes (issue 13), token
// keeping, frame heights, resumed-flow state and link → transfer following (issue 16),
// and the seller views PayoutHistory / WalletBalance with their hooks (issue 19; ~3 KB,
// which an app that does not import them does not ship: see the second entry).
const entries = [
  { name: 'whole package', code: `export * from ${JSON.stringify(src)};`, budget: 11.25 * 1024 },
  {
    name: 'DotsProvider + DotsFlow only',
    code: `export { DotsProvider, DotsFlow } from ${JSON.stringify(src)};`,
    budget: 4.75 * 1024,
  },
];

/** Min+gzip bytes of each consumer entry. */
export async function measure() {
  const out = [];
  for (const e of entries) {
    const r = await build({
      stdin: { contents: e.code, resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      jsx: 'automatic',
      external: ['react', 'react-dom', 'react/jsx-runtime'],
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    const code = r.outputFiles[0].contents;
    out.push({ ...e, min: code.length, gzip: gzipSync(code, { level: 9 }).length });
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await measure();
  if (process.argv.includes('--json'))
    console.log(JSON.stringify(results.map(({ code, ...r }) => r)));
  else {
    console.log('| entry | min | min+gzip | budget |\n|---|---:|---:|---:|');
    for (const r of results)
      console.log(
        `| ${r.name} | ${r.min} B | ${r.gzip} B | ${r.budget} B${r.gzip > r.budget ? ' OVER' : ''} |`,
      );
  }
  if (process.argv.includes('--check') && results.some((r) => r.gzip > r.budget)) {
    console.error('[dotskit] @dotskit/react is over its size budget.');
    process.exit(1);
  }
}
