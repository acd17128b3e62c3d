import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleEsmOnlyDependencies, isEsmFile } from './esm-only.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'esm-only-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (file, text) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};

write('package.json', JSON.stringify({ name: 'pkg', type: 'module' }));
write(
  'src/index.ts',
  "import { a } from 'esm-only';\nimport { b } from 'dual';\nexport const ab = a + b;\n",
);
write(
  'node_modules/esm-only/package.json',
  JSON.stringify({ type: 'module', exports: { '.': './index.js' } }),
);
write('node_modules/esm-only/index.js', "export const a = 'esm-only';\n");
write(
  'node_modules/dual/package.json',
  JSON.stringify({ exports: { import: './index.mjs', require: './index.cjs' } }),
);
write('node_modules/dual/index.mjs', "export const b = 'dual';\n");
write('node_modules/dual/index.cjs', "exports.b = 'dual';\n");

describe('isEsmFile', () => {
  it('follows the extension, then the nearest package.json type', () => {
    expect(isEsmFile(path.join(dir, 'node_modules/dual/index.mjs'))).toBe(true);
    expect(isEsmFile(path.join(dir, 'node_modules/dual/index.cjs'))).toBe(false);
    expect(isEsmFile(path.join(dir, 'node_modules/esm-only/index.js'))).toBe(true);
  });
});

describe('bundleEsmOnlyDependencies', () => {
  it('bundles an ESM-only dependency into the CJS output and leaves a dual one external', async () => {
    const out = await build({
      entryPoints: [path.join(dir, 'src/index.ts')],
      bundle: true,
      packages: 'external',
      format: 'cjs',
      platform: 'neutral',
      write: false,
      plugins: [bundleEsmOnlyDependencies(path.join(dir, 'package.json'))],
    });
    const code = out.outputFiles[0].text;
    expect(code).toContain('"esm-only"'); // the inlined constant
    expect(code).not.toContain('require("esm-only")');
    expect(code).toContain('require("dual")');
  });
});
