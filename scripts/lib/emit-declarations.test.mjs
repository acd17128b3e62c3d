import { describe, expect, it } from 'vitest';
import { specifyImports } from './emit-declarations.mjs';

const emitted = new Set(['index.d.ts', 'client/http.d.ts', 'store/index.d.ts', 'store/sql.d.ts']);

describe('specifyImports', () => {
  it('names the file of each relative import, per module format', () => {
    const text = [
      "export { a } from './client/http';",
      "export * from './store';",
      "import type { B } from './store/index.js';",
      "type C = import('./client/http').C;",
      "import 'zod';",
    ].join('\n');
    expect(specifyImports('index.d.ts', text, emitted, '.js')).toBe(
      [
        "export { a } from './client/http.js';",
        "export * from './store/index.js';",
        "import type { B } from './store/index.js';",
        "type C = import('./client/http.js').C;",
        "import 'zod';",
      ].join('\n'),
    );
    expect(
      specifyImports('store/sql.d.ts', 'export * from "..";\nimport "./index";', emitted, '.cjs'),
    ).toBe('export * from "../index.cjs";\nimport "./index.cjs";');
  });

  it('throws when an import names no emitted declaration (a host could not resolve it)', () => {
    expect(() =>
      specifyImports('index.d.ts', "export * from './test-support/helpers';", emitted, '.js'),
    ).toThrow(/dist\/index\.d\.ts imports '\.\/test-support\/helpers'/);
  });
});
