import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Accessibility suite: axe-core audits of the sandbox's hosted pages and every Storybook
 * story, keyboard-only end-to-end, and screen-reader semantics. Run from the repo root with
 * `vitest run --config e2e/a11y/vitest.config.ts` (root script `pnpm test:a11y`).
 */
export default defineConfig({
  root,
  resolve: { conditions: ['@dotskit/source'] },
  ssr: { resolve: { conditions: ['@dotskit/source'] } },
  test: {
    root,
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: one browser per file, files run one after the other.
    fileParallelism: false,
    reporters: ['default', './lib/table-reporter.ts'],
  },
});
