import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSandbox, startSandbox } from '@dotskit/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BinRun, buildBin, runBin } from './test-support/bin-process';
import {
  JWT_SECRET,
  TEST_API_KEY,
  TEST_CLIENT_ID,
  token,
  WEBHOOK_SECRET,
} from './test-support/helpers';

let binFile: string;
let sandbox: RunningSandbox;
let dir: string;
beforeAll(async () => {
  binFile = await buildBin();
  sandbox = await startSandbox({ clientId: TEST_CLIENT_ID, apiKey: TEST_API_KEY });
  dir = await mkdtemp(join(tmpdir(), 'dotskit-bin-'));
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

const baseEnv = () => ({
  DOTS_CLIENT_ID: TEST_CLIENT_ID,
  DOTS_API_KEY: TEST_API_KEY,
  DOTS_ENVIRONMENT: `${sandbox.url}/api`,
  DOTSKIT_JWT_SECRET: JWT_SECRET,
  DOTS_WEBHOOK_SECRET: WEBHOOK_SECRET,
  DATABASE_URL: `sqlite:${join(dir, 'bin.db')}`,
  PORT: '0',
});

const run = (env: Record<string, string | undefined>): BinRun => runBin(binFile, env, dir);

describe('dotskit-broker bin', () => {
  it.each([
    ['DOTS_API_KEY', { DOTS_API_KEY: undefined }, /DOTS_API_KEY is not set/],
    ['DOTS_CLIENT_ID', { DOTS_CLIENT_ID: '' }, /DOTS_CLIENT_ID is not set/],
    ['auth', { DOTSKIT_JWT_SECRET: undefined }, /DOTSKIT_JWT_SECRET .* or DOTSKIT_JWKS_URL/],
    ['short secret', { DOTSKIT_JWT_SECRET: 'short' }, /at least 32 characters/],
    ['repeated secret', { DOTSKIT_JWT_SECRET: 'secret123'.repeat(5) }, /repeated sequence/],
    ['one-char secret', { DOTSKIT_JWT_SECRET: '0'.repeat(48) }, /fewer than 8 different/],
    ['http Dots', { DOTS_ENVIRONMENT: 'http://dots.example/api' }, /http: off loopback/],
    [
      'http JWKS',
      { DOTSKIT_JWT_SECRET: undefined, DOTSKIT_JWKS_URL: 'http://idp.example/jwks' },
      /DOTSKIT_JWKS_URL uses http:/,
    ],
    ['max age', { DOTSKIT_JWT_MAX_AGE: 'forever' }, /DOTSKIT_JWT_MAX_AGE must be/],
    ['metrics token', { METRICS_TOKEN: 'metrics' }, /METRICS_TOKEN must be at least 32/],
    ['metrics port', { METRICS_PORT: 'x' }, /METRICS_PORT must be a whole number/],
    ['environment', { DOTS_ENVIRONMENT: 'staging' }, /DOTS_ENVIRONMENT must be/],
    ['webhook secret', { DOTS_WEBHOOK_SECRET: 'nope' }, /DOTS_WEBHOOK_SECRET must be/],
    ['origins', { DOTSKIT_ALLOWED_ORIGINS: 'shop.example' }, /DOTSKIT_ALLOWED_ORIGINS/],
    ['database', { DATABASE_URL: 'mysql://db' }, /DATABASE_URL must be/],
    ['port', { PORT: 'eighty' }, /PORT must be a whole number/],
    ['trust proxy', { TRUST_PROXY: 'yes' }, /TRUST_PROXY must be a hop count/],
    ['trust proxy subnet', { TRUST_PROXY: 'loopback, 10.0.0.0/33' }, /TRUST_PROXY must be/],
  ])(
    'refuses to start on bad %s with one clear line and exit 1',
    async (_name, overrides, message) => {
      const r = run({ ...baseEnv(), ...overrides });
      expect(await r.exit).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^dotskit-broker: /);
      expect(r.stderr + r.stdout).not.toContain(TEST_API_KEY);
    },
  );

  it.each([
    ['true', 401],
    ['1', 401],
    ['loopback, 10.0.0.0/8', 401],
    ['false', 403],
  ])(
    'starts with TRUST_PROXY=%s and trusts a proxied origin accordingly',
    async (trust, status) => {
      const r = run({ ...baseEnv(), TRUST_PROXY: trust });
      const url = await r.listening();
      // A Next.js rewrites() request: Host is the broker's, the page's host is forwarded.
      const proxied = await fetch(`${url}/flows`, {
        method: 'POST',
        headers: {
          origin: 'http://localhost:3000',
          'x-forwarded-host': 'localhost:3000',
          'x-forwarded-proto': 'http',
          'content-type': 'application/json',
        },
        body: '{}',
      });
      expect(proxied.status).toBe(status);
      r.child.kill('SIGTERM');
      expect(await r.exit).toBe(0);
      expect(r.stderr).toBe('');
    },
  );

  it('protects /metrics with METRICS_TOKEN, or serves it only on METRICS_PORT', async () => {
    const metricsToken = 'bin-metrics-token-5b1e9d3c7f2a4086';
    const r = run({ ...baseEnv(), METRICS_TOKEN: metricsToken, METRICS_PORT: '0' });
    const url = await r.listening();
    const metricsUrl = await new Promise<string>((resolve) => {
      const check = () => {
        const m = /metrics on (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(r.stdout);
        if (m?.[1]) resolve(m[1]);
      };
      check();
      r.child.stdout?.on('data', check);
    });
    expect(metricsUrl).toBeDefined();
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(metricsUrl as string)).status).toBe(401);
    const ok = await fetch(metricsUrl as string, {
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(
      /dotskit_broker_requests_total\{method="GET",route="GET \/healthz"/,
    );
    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(metricsToken);
  });

  it('starts, prints its address and store, serves, and exits 0 on SIGTERM', async () => {
    const r = run(baseEnv());
    const url = await r.listening();
    expect(r.stdout).toMatch(/store: sqlite \(.*bin\.db\)/);
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({
      status: 'ready',
      store: 'sqlite',
    });
    const created = await fetch(`${url}/flows`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await token('bin-user')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ steps: ['compliance'] }),
    });
    expect(created.status).toBe(201);
    // The request line reaches stdout within the log's flush interval, not only at exit.
    await vi.waitFor(() => expect(r.stdout).toMatch(/"route":"POST \/flows","status":"201"/));
    const unknown = await fetch(`${url}/nope`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found');
    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(TEST_API_KEY);
    expect(r.stdout).toMatch(/"route":"POST \/flows","status":"201"/);
  });
});
