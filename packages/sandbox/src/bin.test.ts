import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the real bin (src/bin.ts bundled on the fly with the workspace sources, as
// dist/bin.js is, but without needing a prior build; CJS so NODE_PATH finds express)
// in a child process.
let dir: string;
let binPath: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-bin-'));
  binPath = join(dir, 'bin.cjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'bin.ts')],
    outfile: binPath,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    conditions: ['@dotskit/source'],
    external: ['express', 'svix', 'zod'],
    nodePaths: [join(import.meta.dirname, '../node_modules')],
    logLevel: 'silent',
  });
}, 30_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [binPath, ...args], {
    env: { ...process.env, NODE_PATH: join(import.meta.dirname, '../node_modules'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const rl = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    rl.on('line', (line) => {
      lines.push(line);
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${lines.join('\n')}`)));
  });
  return { child, url, lines };
}

async function stop(child: ChildProcess, signal: NodeJS.Signals) {
  child.kill(signal);
  const [code] = await once(child, 'exit');
  return code;
}

describe('dotskit-sandbox bin', () => {
  it('prints credentials and the url, serves the API and stops cleanly on SIGTERM', async () => {
    const { child, url, lines } = await run([
      '--port',
      '0',
      '--client-id',
      'cid',
      '--api-key',
      'key',
      '--enable-controls',
    ]);
    expect(lines.join('\n')).toContain('client id     cid');
    const auth = `Basic ${Buffer.from('cid:key').toString('base64')}`;
    const flow = await fetch(`${url}/api/v2/flows`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: '{"steps":["payout"]}',
    }).then((r) => r.json() as Promise<{ link: string }>);
    expect(flow.link.startsWith(`${url}/flow/`)).toBe(true);
    expect((await fetch(`${url}/_sandbox/clock`)).status).toBe(200);
    expect(await stop(child, 'SIGTERM')).toBe(0);
  });

  it('takes env fallbacks, registers the webhook endpoint, honours --public-url, stops on SIGINT', async () => {
    const { child, url, lines } = await run(
      ['--port', '0', '--public-url', 'https://dots.example.test'],
      {
        DOTS_CLIENT_ID: 'env_id',
        DOTS_API_KEY: 'env_key',
        SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:9/hooks',
        SANDBOX_WEBHOOK_SECRET: 'whsec_ZW52LXNlY3JldC1mb3ItdGVzdHM=',
      },
    );
    const out = lines.join('\n');
    expect(out).toContain('webhook secret whsec_ZW52LXNlY3JldC1mb3ItdGVzdHM=');
    const auth = `Basic ${Buffer.from('env_id:env_key').toString('base64')}`;
    const flow = await fetch(`${url}/api/v2/flows`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: '{"steps":["payout"]}',
    }).then((r) => r.json() as Promise<{ link: string }>);
    expect(flow.link.startsWith('https://dots.example.test/flow/')).toBe(true);
    expect((await fetch(`${url}/_sandbox/clock`)).status).toBe(404);
    expect(await stop(child, 'SIGINT')).toBe(0);
  });
});
