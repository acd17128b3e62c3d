import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoBuilt } from '../lib/demo-build';

const demoDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../apps/demo');

/** Resolves with everything printed up to and including the "Open <url>" line. */
function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/Open http:\/\/\S+/.test(out)) resolvePromise(out);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before the URL:\n${out}`)));
  });
}

describe('the demo start command (what `npm start` ends in)', () => {
  let dir: string;
  beforeAll(async () => {
    ensureDemoBuilt();
    dir = await mkdtemp(join(tmpdir(), 'dotskit-start-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one URL that serves the app, and stops cleanly on SIGTERM', async () => {
    const started = Date.now();
    const child = spawn(process.execPath, ['server/start.mjs'], {
      cwd: demoDir,
      env: {
        ...process.env,
        PORT: '0',
        SANDBOX_PORT: '0',
        DATABASE_URL: `sqlite:${join(dir, 'demo.db')}`,
        DOTS_CLIENT_ID: '',
        DOTS_API_KEY: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const printed = await waitForUrl(child);
    const startupMs = Date.now() - started;
    const urls = printed.match(/https?:\/\/\S+/g) ?? [];
    expect(urls).toHaveLength(1);
    const url = urls[0]!;

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const health = await fetch(`${url}/dots/healthz`);
    expect(health.status).toBe(200);
    const session = await fetch(`${url}/api/sellers`);
    expect(((await session.json()) as { sellers: unknown[] }).sellers.length).toBeGreaterThan(1);

    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    console.log(`start.mjs printed its URL after ${startupMs} ms`);
  });
});
