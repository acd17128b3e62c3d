import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Hardening suite (issue 8): faults, hostile input, isolation, soak. Run from the repo root
 * with `pnpm test:hardening`. Files run one after the other: each starts the sandbox in
 * process and the broker as a child process, and the figures must not be skewed by a
 * neighbour on this 2-core machine. `HARDENING_SOAK_SECONDS` sets the soak length (CI: 60).
 */
export default defineConfig({
  root,
  resolve: { conditions: ['@dotskit/source'] },
  ssr: { resolve: { conditions: ['@dotskit/source'] } },
  test: {
    root,
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
    reporters: ['default'],
  },
});
