import { ipKeyGenerator } from 'express-rate-limit';
import { describe, expect, it } from 'vitest';
import { ipKey } from './rate-limit';

describe('ipKey', () => {
  it('gives the key express-rate-limit gives, on the first call and when remembered', () => {
    for (const ip of ['192.0.2.7', '2001:db8:1234:5678::1', '::ffff:192.0.2.7', 'unknown']) {
      expect(ipKey(ip)).toBe(ipKeyGenerator(ip));
      expect(ipKey(ip)).toBe(ipKeyGenerator(ip));
    }
  });

  it('counts IPv6 addresses of one /56 as one key', () => {
    expect(ipKey('2001:db8:1234:5600::1')).toBe(ipKey('2001:db8:1234:56ff::2'));
    expect(ipKey('2001:db8:1234:5700::1')).not.toBe(ipKey('2001:db8:1234:5600::1'));
  });

  it('still answers correctly after forgetting (more than 10,000 addresses seen)', () => {
    for (let i = 0; i < 10_050; i++) ipKey(`10.0.${i >> 8}.${i & 255}`);
    expect(ipKey('2001:db8:1234:5600::9')).toBe(ipKeyGenerator('2001:db8:1234:5600::9'));
    expect(ipKey('10.0.0.1')).toBe('10.0.0.1');
  });
});
