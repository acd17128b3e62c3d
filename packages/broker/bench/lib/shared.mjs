// Shared by the benchmark's processes: credentials of the throwaway sandbox and broker, and
// loading the workspace packages (dist/ when fresh, else src/ bundled with esbuild).
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const brokerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sandboxDir = path.resolve(brokerDir, '..', 'sandbox');
export const CLIENT_ID = 'bench_client';
export const API_KEY = 'bench_api_key_never_printed_0123456789';
export const JWT_SECRET = 'bench-jwt-secret-bench-jwt-secret-0123456789';
export const WEBHOOK_SECRET = `whsec_${Buffer.from('dotskit-broker-bench-webhook-secret').toString('base64')}`;
export const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${API_KEY}`).toString('base64')}`;

const newest = (dir) =>
  Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs,
    ),
  );
export async function load(dir) {
  const dist = path.join(dir, 'dist', 'index.js');
  if (existsSync(dist) && statSync(dist).mtimeMs >= newest(path.join(dir, 'src')))
    return import(pathToFileURL(dist).href);
  const out = path.join(
    dir,
    'node_modules',
    '.cache',
    'dotskit-broker-bench',
    `index-${process.pid}.mjs`,
  );
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(dir, 'src', 'index.ts')],
    outfile: out,
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
          b.onResolve({ filter: /^[^./]/ }, (a) =>
            a.path.startsWith('@dotskit/') ? undefined : { external: true },
          );
        },
      },
    ],
  });
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(out, { force: true });
  }
}
