import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bundles `src/bin.ts` as it ships (workspace packages inlined, npm deps external); returns its path. */
export async function buildBin(): Promise<string> {
  const outfile = join(
    packageDir,
    'node_modules',
    '.cache',
    'dotskit-broker-test',
    `bin-${process.pid}.mjs`,
  );
  await build({
    entryPoints: [join(packageDir, 'src', 'bin.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@dotskit/source'],
    logLevel: 'error',
    plugins: [
      {
        name: 'external-npm',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@dotskit/') ? undefined : { external: true },
          );
        },
      },
    ],
  });
  return outfile;
}

/** A running (or finished) `dotskit-broker` process. */
export interface BinRun {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
  /** Resolves with the printed `http://127.0.0.1:<port>` once listening. */
  listening(): Promise<string>;
}

/** Spawns the bundled bin with exactly `env` (plus PATH). */
export function runBin(
  binFile: string,
  env: Record<string, string | undefined>,
  cwd: string,
): BinRun {
  const child = spawn(process.execPath, [binFile], {
    env: { PATH: process.env.PATH, ...env },
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const r: BinRun = {
    child,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    listening: () =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(r.stdout);
          if (m?.[1]) resolve(m[1]);
        };
        check();
        child.stdout?.on('data', check);
        r.exit.then((code) => reject(new Error(`dotskit-broker exited (${code}): ${r.stderr}`)));
      }),
  };
  child.stdout?.on('data', (d) => {
    r.stdout += d;
  });
  child.stderr?.on('data', (d) => {
    r.stderr += d;
  });
  return r;
}
