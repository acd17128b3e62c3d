import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { clientIp, ownOrigins, parseTrustProxy } from './proxy';

describe('parseTrustProxy', () => {
  it.each([
    ['1', 1],
    [' 2 ', 2],
    ['0', 0],
    ['true', true],
    ['false', false],
    ['loopback', ['loopback']],
    ['loopback, 10.0.0.0/8', ['loopback', '10.0.0.0/8']],
    ['192.168.1.10,fd00::/8 , uniquelocal', ['192.168.1.10', 'fd00::/8', 'uniquelocal']],
  ])('reads %j', (text, expected) => {
    expect(parseTrustProxy(text)).toEqual(expected);
  });

  it.each([
    'yes',
    'TRUE',
    '10.0.0.0/33',
    '10.0.0/8',
    'loopback,,nope',
    '::1/129',
    '1.2.3.4/8/8',
    '',
    '1000',
  ])('refuses %j', (text) => {
    expect(parseTrustProxy(text)).toBeUndefined();
  });
});

/** An app that answers what the proxy helpers make of a request. */
function probe(trust: unknown) {
  const app = express();
  app.set('trust proxy', trust);
  app.get('/', (req, res) => {
    res.json({ ip: clientIp(req) ?? null, raw: req.ip ?? null, origins: ownOrigins(req) });
  });
  return app;
}

describe('clientIp', () => {
  it('is req.ip when it is an address, and nothing when a proxy chain carries junk', async () => {
    const app = probe(true);
    const good = await request(app).get('/').set('x-forwarded-for', '203.0.113.9');
    expect(good.body.ip).toBe('203.0.113.9');
    for (const junk of ['<script>alert(1)</script>', 'unknown', '1.2.3.4.5', 'fe80::zz']) {
      const res = await request(app).get('/').set('x-forwarded-for', junk);
      expect(res.body.raw).toBe(junk);
      expect(res.body.ip).toBeNull();
    }
    const v6 = await request(app).get('/').set('x-forwarded-for', '2001:db8::1');
    expect(v6.body.ip).toBe('2001:db8::1');
  });

  it('is the peer address when the proxy is not trusted', async () => {
    const res = await request(probe(false)).get('/').set('x-forwarded-for', '203.0.113.9');
    expect(res.body.ip).toMatch(/127\.0\.0\.1|::1/);
  });
});
