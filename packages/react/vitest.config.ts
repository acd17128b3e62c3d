import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const nm = (p: string) => fileURLToPath(new URL(`./node_modules/${p}`, import.meta.url));
const include = ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'];

// Two projects: React 19 (the dev dependency) and React 18 (the `react-18`/`react-dom-18`
// aliases). For 18, source imports are aliased at the Vite level and a setup file
// redirects CommonJS `require('react')` inside react-dom-18 and testing-library to 18 too.
export default defineConfig({
  resolve: { conditions: ['@dotskit/source'] },
  ssr: { resolve: { conditions: ['@dotskit/source'] } },
  test: {
    testTimeout: 20_000,
    // Forward jsdom's own errors (e.g. "Not implemented: navigation") to console.
    environmentOptions: { jsdom: { console: true } },
    projects: [
      {
        extends: true,
        test: { name: 'react-19', environment: 'jsdom', include, setupFiles: ['./test/setup.ts'] },
      },
      {
        extends: true,
        resolve: {
          alias: [
            { find: /^react-dom(\/.*)?$/, replacement: `${nm('react-dom-18')}$1` },
            { find: /^react(\/.*)?$/, replacement: `${nm('react-18')}$1` },
          ],
        },
        test: {
          name: 'react-18',
          environment: 'jsdom',
          include,
          exclude: ['src/size.test.ts'],
          setupFiles: ['./test/react-18-setup.ts', './test/setup.ts'],
          server: { deps: { inline: ['zustand'] } },
          env: { DOTSKIT_REACT: '18' },
        },
      },
    ],
  },
});
