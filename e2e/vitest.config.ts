import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * End-to-end suite: each file starts the sandbox and the demo server itself (port 0) and
 * drives Debian's chromium through playwright-core. Files run one after the other (two
 * cores, one browser at a time). The accessibility suite has its own config in `a11y/`.
 */
export default defineConfig({
  root,
  resolve: { conditions: ['@dotskit/source'] },
  ssr: { resolve: { conditions: ['@dotskit/source'] } },
  test: {
    root,
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'a11y/**'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // Live UI states arrive over SSE or polling with backoff: give them time.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    maxWorkers: 1,
  },
});
