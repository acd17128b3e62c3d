import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensureDemoBuilt } from '../lib/demo-build';

// Server Components render @dotskit/react only if its built entries are client modules:
// the directive must survive the build as the first statement of every JS entry.
describe("@dotskit/react's built entries are client modules", () => {
  it("dist/index and dist/testing (ESM and CJS) start with 'use client'", () => {
    ensureDemoBuilt(); // builds the workspace packages when their dist/ is missing
    for (const file of ['index.js', 'index.cjs', 'testing.js', 'testing.cjs']) {
      const code = readFileSync(
        fileURLToPath(new URL(`../../packages/react/dist/${file}`, import.meta.url)),
        'utf8',
      );
      expect(code.startsWith("'use client';\n"), file).toBe(true);
    }
  });
});
