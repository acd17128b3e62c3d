import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@dotskit/source'] },
  ssr: { resolve: { conditions: ['@dotskit/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    // One throwaway PostgreSQL per run when DOTSKIT_TEST_PG_URL is not set (see src/store/test-support).
    globalSetup: ['src/store/test-support/pg-global-setup.ts'],
  },
});
