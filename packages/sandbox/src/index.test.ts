import { describe, expect, it } from 'vitest';
import * as sandbox from './index';

describe('public API', () => {
  it('exports factories named createX/startX, constants in UPPER_CASE, and nothing else', () => {
    expect(Object.keys(sandbox).sort()).toEqual([
      'DEFAULT_API_KEY',
      'DEFAULT_CLIENT_ID',
      'INITIAL_WALLET_CENTS',
      'createSandbox',
      'signWebhook',
      'startSandbox',
    ]);
    for (const name of Object.keys(sandbox))
      expect(name).toMatch(/^(create|start|sign)[A-Z]\w+$|^[A-Z_]+$/);
  });

  it('throws a [dotskit] TypeError at creation on invalid options, naming the fix', () => {
    expect(() => sandbox.createSandbox({ clientId: '' })).toThrow(
      /^\[dotskit\] clientId must be a non-empty string/,
    );
    for (const bad of [{ publicUrl: 'not a url' }, { port: -1 }, { webhooks: [{ url: 'x' }] }])
      expect(() => sandbox.createSandbox(bad), JSON.stringify(bad)).toThrow(TypeError);
    expect(() => sandbox.createSandbox({ clientId: 'a:b' })).toThrow(/without ":"/);
    expect(() => sandbox.createSandbox({ publicUrl: 'ftp://x' })).toThrow(/publicUrl/);
    expect(() => sandbox.createSandbox({ port: 70000 })).toThrow(/port/);
    expect(() => sandbox.createSandbox({ webhooks: [{ url: 'file:///etc/passwd' }] })).toThrow(
      /http\(s\)/,
    );
  });

  it('creates the app without listening or doing work at import time', () => {
    const app = sandbox.createSandbox();
    expect(typeof app.listen).toBe('function');
    expect(app.locals.sandbox.store.apps.size).toBe(1);
  });

  it('runs its emulated clock over the `now` option', async () => {
    const { makeSandbox } = await import('./test-support/helpers');
    const s = makeSandbox({ now: () => Date.UTC(2030, 0, 1) });
    const flow = await s.api.post('/v2/flows', { steps: ['payout'] });
    expect(flow.body.created).toBe('2030-01-01T00:00:00.000Z');
    s.engine.clock.advance(90_000);
    expect(new Date(s.engine.clock.now()).toISOString()).toBe('2030-01-01T00:01:30.000Z');
  });
});
