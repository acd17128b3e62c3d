import { describe, expect, it } from 'vitest';
import {
  DOTS_ENVIRONMENTS,
  dotsEnvironmentFromString,
  dotsEnvironmentProblem,
  insecureUrlReason,
  resolveBaseUrl,
} from './environment';

describe('Dots environments', () => {
  it('resolves names and base URLs (no trailing slash)', () => {
    expect(resolveBaseUrl('sandbox')).toBe(DOTS_ENVIRONMENTS.sandbox);
    expect(resolveBaseUrl('production')).toBe('https://api.dots.dev/api');
    expect(resolveBaseUrl({ baseUrl: 'http://127.0.0.1:4010/api/' })).toBe(
      'http://127.0.0.1:4010/api',
    );
    expect(resolveBaseUrl({ baseUrl: 'https://dots.example/api' })).toBe(
      'https://dots.example/api',
    );
  });

  it('rejects anything else with a [dotskit] TypeError naming the fix', () => {
    for (const bad of [
      'staging',
      'toString',
      { baseUrl: 'not a url' },
      { baseUrl: 'ftp://dots.example/api' },
      { baseUrl: 'http://dots.example/api' },
      {},
      null,
    ]) {
      expect(() => resolveBaseUrl(bad as never), JSON.stringify(bad)).toThrow(TypeError);
      expect(() => resolveBaseUrl(bad as never)).toThrow(/^\[dotskit\] .*'sandbox', 'production'/);
    }
  });

  it('http: only on loopback', () => {
    expect(insecureUrlReason('http://localhost:4010/api')).toBeUndefined();
    expect(insecureUrlReason('http://[::1]:4010/api')).toBeUndefined();
    expect(insecureUrlReason('http://dots.example/api')).toMatch(/off loopback/);
    expect(dotsEnvironmentProblem({ baseUrl: 'http://10.0.0.2/api' })).toMatch(/off loopback/);
  });
});

describe('dotsEnvironmentFromString', () => {
  it('reads a name as the name and anything else as a base URL without trailing slashes', () => {
    expect(dotsEnvironmentFromString('sandbox')).toBe('sandbox');
    expect(dotsEnvironmentFromString(' production ')).toBe('production');
    expect(dotsEnvironmentFromString('http://127.0.0.1:4010/api//')).toEqual({
      baseUrl: 'http://127.0.0.1:4010/api',
    });
    expect(dotsEnvironmentFromString('toString')).toEqual({ baseUrl: 'toString' });
    expect(dotsEnvironmentProblem(dotsEnvironmentFromString('Sandbox'))).toMatch(/baseUrl/);
  });
});
