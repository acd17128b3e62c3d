import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { patchedSpec } from './spec';

/** A running Stoplight Prism validating proxy. */
export interface RunningPrism {
  /** Where clients call it: `${url}/v2/...` (it forwards to `<upstream>/api/v2/...`). */
  url: string;
  /** Everything Prism printed (its violation reports among it). */
  output(): string;
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

/**
 * Starts `prism proxy <patched v2.yaml> <upstream>/api --errors` on a free local port. With
 * `--errors`, a request or response that violates the spec is answered by Prism itself
 * (422 for a request, 500 for a response) with a problem+json body listing the
 * violations. The patched spec (see `spec.ts`) is written to a temporary file; Prism loads
 * nothing from the network.
 */
export async function startPrism(upstream: string): Promise<RunningPrism> {
  const dir = mkdtempSync(join(tmpdir(), 'dotskit-prism-'));
  const specFile = join(dir, 'v2.patched.json');
  writeFileSync(specFile, JSON.stringify(patchedSpec()));
  const bin = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      bin,
      'proxy',
      specFile,
      `${upstream}/api`,
      '--errors',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
    ],
    // Scarf is Prism's install-time analytics; it must not phone home from a test either.
    {
      env: { ...process.env, SCARF_ANALYTICS: 'false', DO_NOT_TRACK: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start:\n${log}`)), 60_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (/Prism is listening/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code}:\n${log}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => log,
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
