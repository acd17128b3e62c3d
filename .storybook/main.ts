import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineMain } from '@storybook/react-vite/node';

const here = dirname(fileURLToPath(import.meta.url));
const reactPackage = resolve(here, '../packages/react');
/** Where `pnpm start` serves the demo (its default port). */
const DEMO_URL = 'http://127.0.0.1:3000';

// msw's service worker script must be served from the site root. It is copied from the
// installed msw at start-up (so it always matches msw's version) into an ignored folder.
const workerDir = resolve(here, '../node_modules/.cache/dotskit-storybook-msw');
mkdirSync(workerDir, { recursive: true });
copyFileSync(
  createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'),
  resolve(workerDir, 'mockServiceWorker.js'),
);

// Stories live beside the demo (the components belong to @dotskit/react; the stories are
// a consumer's view of them). They run without any server: the broker is mocked at the
// network layer with msw (see preview.tsx), and flow pages are a static stand-in.
export default defineMain({
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../apps/demo/stories/**/*.stories.@(ts|tsx)'],
  staticDirs: ['./public', workerDir],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(config, { configType }) {
    // Read @dotskit/react from source so that Storybook needs no library build; the
    // stylesheet comes from source too when the package keeps one there.
    const sourceCss = resolve(reactPackage, 'src/styles.css');
    const aliases = config.resolve?.alias;
    return {
      ...config,
      // Tells the "Live" story whether the proxy below exists (`storybook dev`) or not.
      define: {
        ...config.define,
        __DOTSKIT_LIVE_PROXY__: JSON.stringify(configType === 'DEVELOPMENT'),
      },
      // Dev only: the "Live" story reaches a running demo server (`pnpm start`) through
      // `/live/*`, same-origin, so its session cookie and the broker's CORS rules hold.
      server: {
        ...config.server,
        proxy: {
          '/live': {
            target: DEMO_URL,
            rewrite: (path: string) => path.replace(/^\/live/, ''),
            // The broker refuses state-changing requests from foreign origins; through
            // this local proxy the request is the demo's own.
            configure: (proxy: {
              on: (
                e: 'proxyReq',
                f: (req: { setHeader: (k: string, v: string) => void }) => void,
              ) => void;
            }) => {
              proxy.on('proxyReq', (req) => {
                req.setHeader('origin', DEMO_URL);
              });
            },
          },
        },
      },
      resolve: {
        ...config.resolve,
        conditions: ['@dotskit/source', 'browser', 'module', 'import', 'default'],
        alias: [
          ...(Array.isArray(aliases)
            ? aliases
            : Object.entries(aliases ?? {}).map(([find, replacement]) => ({ find, replacement }))),
          ...(existsSync(sourceCss)
            ? [{ find: '@dotskit/react/styles.css', replacement: sourceCss }]
            : []),
        ],
      },
    };
  },
});
