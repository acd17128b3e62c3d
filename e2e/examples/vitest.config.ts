import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The example apps' browser smoke test. Not run on its own: `pnpm test:packaging`
 * (scripts/packaging/examples.mjs) installs each example from the packed tarballs, starts
 * it and runs this with `DOTSKIT_EXAMPLE_URL` set.
 */
export default defineConfig({
  root,
  test: {
    root,
    include: ['*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
