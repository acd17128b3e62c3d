// The example host apps (apps/example-*), each installed from the packed tarballs in a
// temp directory (never workspace links), then: `typecheck`, `build`, `start` and the
// browser smoke test e2e/examples/smoke.test.ts against the running app.
//
// What an example must provide (so that adding one is adding a directory):
//   - package.json scripts `typecheck`, `build` and `start`; its @dotskit dependencies are
//     replaced by the tarballs, everything else installs from the registry (pnpm's store);
//   - `start` honours PORT (0 = any free port) and prints `listening on <url>` once ready,
//     and exits within 10 s of SIGTERM, even with a browser's event stream open;
//   - the page contract described in e2e/examples/smoke.test.ts.
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { installWithTarballs } from './install.mjs';
import { bin, childEnv, ROOT, run, start, timed } from './run.mjs';

/** Directories the copy leaves out: installs and build outputs of a local run. */
const NOT_COPIED = new Set(['node_modules', 'build', 'dist', '.next']);

/** The example apps: every apps/example-* directory with a package.json. */
export function exampleApps() {
  const apps = path.join(ROOT, 'apps');
  return readdirSync(apps)
    .filter((d) => d.startsWith('example-') && existsSync(path.join(apps, d, 'package.json')))
    .map((d) => ({ name: d, dir: path.join(apps, d) }));
}

/**
 * Runs every example's checks in `workDir`; reports failures through `fail(where, problems)`.
 * @param {string} workDir
 * @param {{ name: string, tarball: string }[]} packed
 * @param {(where: string, problems: string[]) => void} fail
 */
export async function checkExamples(workDir, packed, fail) {
  for (const example of exampleApps()) {
    const dir = path.join(workDir, example.name);
    try {
      await checkExample(example, dir, packed);
    } catch (error) {
      fail(example.name, [error instanceof Error ? error.message : String(error)]);
    }
  }
}

async function checkExample(example, dir, packed) {
  cpSync(example.dir, dir, {
    recursive: true,
    filter: (source) => !NOT_COPIED.has(path.basename(source)),
  });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  await timed(`${example.name}: install from tarballs`, () =>
    installWithTarballs(dir, manifest, packed),
  );
  await timed(`${example.name}: typecheck`, () => run('pnpm', ['run', 'typecheck'], { cwd: dir }));
  await timed(`${example.name}: build`, () => run('pnpm', ['run', 'build'], { cwd: dir }));
  const app = start('pnpm', ['run', 'start'], {
    cwd: dir,
    env: { ...childEnv, PORT: '0', NODE_ENV: 'production' },
    ready: /listening on (http:\/\/\S+)/,
  });
  try {
    const [, url] = await app.ready;
    await timed(`${example.name}: browser smoke at ${url}`, () =>
      run(bin('vitest'), ['run', '--config', 'e2e/examples/vitest.config.ts'], {
        env: { ...childEnv, DOTSKIT_EXAMPLE_URL: url, DOTSKIT_EXAMPLE_NAME: example.name },
      }),
    );
    await timed(`${example.name}: stops on SIGTERM with an event stream open`, async () => {
      const stream = await openEventStream(url);
      const { killed } = await app.stop();
      stream.abort();
      if (killed) throw new Error('still running 10 s after SIGTERM with an event stream open');
    });
  } finally {
    await app.stop();
  }
}

/**
 * Opens `GET /dots/events` as a signed-in browser would (token from `POST /api/token`, the
 * page contract of e2e/examples/smoke.test.ts) and waits for its first bytes.
 * @param {string} url the app's origin
 * @returns {Promise<AbortController>} abort it to close the stream
 */
async function openEventStream(url) {
  const { token } = await (await fetch(`${url}/api/token`, { method: 'POST' })).json();
  const abort = new AbortController();
  const response = await fetch(`${url}/dots/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  if (response.status !== 200) throw new Error(`GET /dots/events answered ${response.status}`);
  await response.body.getReader().read();
  return abort;
}
