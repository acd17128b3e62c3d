import { defineConfig } from 'vitest/config';

// Server tests only (the front end is covered by the real-browser suite in e2e/).
export default defineConfig({
  resolve: { conditions: ['@dotskit/source'] },
  ssr: { resolve: { conditions: ['@dotskit/source'] } },
  test: { include: ['server/**/*.test.ts'], testTimeout: 20_000 },
});
