import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineProblems, manifestProblems } from './tarballs.mjs';

const clean = {
  manifest: {
    name: '@dotskit/x',
    engines: { node: '>=20.11' },
    exports: {
      '.': {
        import: { types: './dist/index.d.ts', default: './dist/index.js' },
        require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
      },
    },
    bin: { x: './dist/bin.js' },
    dependencies: { zod: '^4.6.7', '@dotskit/api': '^0.1.0' },
    peerDependencies: { react: '^18 || ^19' },
  },
  files: ['package.json', 'dist/index.js', 'dist/index.js.map', 'dist/index.cjs', 'dist/bin.js'],
};

describe('manifestProblems', () => {
  it('accepts a tarball that ships only its entries, ranges and engines', () => {
    expect(manifestProblems(clean)).toEqual([]);
  });

  it('reports source-only conditions, stray files, pins and a missing engines field', () => {
    const problems = manifestProblems({
      manifest: {
        ...clean.manifest,
        engines: undefined,
        exports: { '.': { '@dotskit/source': './src/index.ts', ...clean.manifest.exports['.'] } },
        dependencies: { zod: '4.6.7', '@dotskit/api': 'workspace:*' },
      },
      files: [
        ...clean.files,
        'dist/bin.cjs',
        'dist/store/test-support/clock.d.ts',
        'src/a.test.ts',
      ],
    });
    expect(problems).toEqual([
      'exports keeps the workspace-only condition @dotskit/source',
      'ships dist/bin.cjs, which no exports/main/bin entry names or imports',
      'ships dist/store/test-support/clock.d.ts',
      'ships src/a.test.ts',
      'has no engines.node',
      'dependencies.zod pins "4.6.7": use a range (the lockfile pins)',
      'dependencies.@dotskit/api is "workspace:*", not a semver range',
    ]);
  });

  it('accepts the modules an entry imports, and only those', () => {
    const texts = {
      'dist/index.js': `import { a } from "./a.js";\nexport const b = () => import('./lazy/b.js');`,
      'dist/index.cjs': `var a = require("./a.cjs");`,
      'dist/a.js': `import "react";\nexport * from './shared.js';`,
      'dist/a.cjs': '',
      'dist/lazy/b.js': `import { s } from "../shared.js";`,
      'dist/shared.js': '',
      'dist/bin.js': '',
      'dist/stray.js': `import "./a.js";`,
    };
    const problems = manifestProblems({
      manifest: clean.manifest,
      files: ['package.json', ...Object.keys(texts)],
      read: (file) => texts[file],
    });
    expect(problems).toEqual([
      'ships dist/stray.js, which no exports/main/bin entry names or imports',
    ]);
  });
});

describe('engineProblems', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'engines-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const install = (name, engines) => {
    mkdirSync(path.join(dir, 'node_modules', name), { recursive: true });
    const manifest = { name, version: '1.0.0', engines: engines && { node: engines } };
    writeFileSync(path.join(dir, 'node_modules', name, 'package.json'), JSON.stringify(manifest));
  };

  it("reports a dependency whose engines exclude part of the package's", () => {
    install('narrow', '>=22.0.0');
    install('matching', '20.x || 22.x || 23.x || 24.x || 25.x || 26.x');
    install('any-node', undefined);
    const pkg = path.join(dir, 'node_modules', 'pkg');
    const manifest = (node) => ({
      engines: { node },
      dependencies: { narrow: '^1.0.0', matching: '^1.0.0', 'any-node': '^1.0.0' },
    });
    expect(engineProblems(manifest('>=20.11'), pkg)).toEqual([
      'engines.node ">=20.11" is wider than narrow@1.0.0\'s ">=22.0.0"',
      'engines.node ">=20.11" is wider than matching@1.0.0\'s "20.x || 22.x || 23.x || 24.x || 25.x || 26.x"',
    ]);
    expect(engineProblems(manifest('^22.0.0'), pkg)).toEqual([]);
    expect(
      engineProblems({ engines: { node: '>=20' }, dependencies: { gone: '^1' } }, pkg),
    ).toEqual(['dependency gone is not installed next to it']);
  });
});
