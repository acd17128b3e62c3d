import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { insecureUrlReason, parseTokenAge, weakSecretReason } from './config-checks';

describe('weakSecretReason', () => {
  it.each([
    'test-secret-that-is-at-least-32-characters-long',
    'bench-jwt-secret-bench-jwt-secret-0123456789',
    'hardening-jwt-secret-that-is-long-enough-0123456789',
    randomBytes(32).toString('base64url'),
    randomBytes(16).toString('hex'),
  ])('accepts %s', (secret) => {
    expect(weakSecretReason(secret)).toBeUndefined();
  });

  it.each([
    ['short', /at least 32/],
    ['a'.repeat(64), /fewer than 8/],
    ['abababab'.repeat(6), /fewer than 8/],
    ['abcdefghij'.repeat(4), /repeated sequence/],
    [`${'changeme-'.repeat(5)}chan`, /repeated sequence/],
    ['0123456789'.repeat(4).slice(0, 37), /repeated sequence/],
  ])('refuses %s', (secret, reason) => {
    expect(weakSecretReason(secret)).toMatch(reason);
  });
});

describe('insecureUrlReason', () => {
  it.each([
    'https://api.dots.dev/api',
    'http://127.0.0.1:4010/api',
    'http://localhost:4010/api',
    'http://[::1]:4010/api',
    'http://sandbox.localhost/api',
  ])('accepts %s', (url) => {
    expect(insecureUrlReason(url)).toBeUndefined();
  });

  it.each([
    ['http://dots.example/api', /http: off loopback/],
    ['http://10.0.0.5/api', /http: off loopback/],
    ['http://127.0.0.1.evil.example/api', /http: off loopback/],
    ['ftp://x/api', /http\(s\)/],
    ['not a url', /absolute/],
  ])('refuses %s', (url, reason) => {
    expect(insecureUrlReason(url)).toMatch(reason);
  });
});

describe('parseTokenAge', () => {
  it.each([
    [600, 600],
    ['90s', 90],
    ['90', 90],
    ['15m', 900],
    ['12h', 43_200],
    ['7d', 604_800],
  ])('reads %j as %d seconds', (value, seconds) => {
    expect(parseTokenAge(value)).toBe(seconds);
  });

  it.each([0, -5, 1.5, '1 week', '0m', 'soon', '', null])('refuses %j', (value) => {
    expect(parseTokenAge(value)).toBeUndefined();
  });
});
