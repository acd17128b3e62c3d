#!/usr/bin/env node
// After the shared build: make the declarations resolve under every TypeScript module
// mode (checked with are-the-types-wrong). ESM: relative specifiers get `.js`. CJS: a copy
// in dist/cjs/ under a `"type": "commonjs"` package.json, pointed at by `require.types`.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const files = readdirSync('dist').filter((f) => f.endsWith('.d.ts'));
mkdirSync('dist/cjs', { recursive: true });
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n');
for (const f of files) {
  const text = readFileSync(`dist/${f}`, 'utf8').replace(
    /(from\s+|import\()(['"])(\.\.?\/[^'"]+?)(\.js)?\2/g,
    (_, kw, q, spec) => `${kw}${q}${spec}.js${q}`,
  );
  writeFileSync(`dist/${f}`, text);
  writeFileSync(`dist/cjs/${f}`, text);
}
console.log(`fix-types: ${files.length} declaration files (ESM + CJS)`);
