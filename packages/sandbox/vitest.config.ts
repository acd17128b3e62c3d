import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@dotskit/source'] },
  ssr: { resolve: { conditions: ['@dotskit/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
