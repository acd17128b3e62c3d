import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDotsClient } from '@dotskit/api';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createBroker } from './create-broker';
import { createMemoryStore } from './store/memory-store';
import {
  checkNoSecretLeaks,
  JWT_SECRET,
  startBroker,
  TEST_API_KEY,
  token,
} from './test-support/helpers';
import type { BrokerOptions } from './types';

checkNoSecretLeaks();

const dots = { clientId: 'client', apiKey: TEST_API_KEY, environment: 'sandbox' } as const;
const valid: BrokerOptions = { dots, auth: { jwtSecret: JWT_SECRET }, databaseUrl: 'memory:' };

describe('createBroker configuration', () => {
  it.each([
    [{ ...valid, dots: undefined }, /`dots` is required/],
    [{ ...valid, dots: { ...dots, apiKey: '' } }, /dots\.apiKey` is required/],
    [{ ...valid, dots: { ...dots, clientId: ' ' } }, /dots\.clientId` is required/],
    [{ ...valid, dots: { ...dots, environment: 'staging' } }, /dots\.environment` must be/],
    [
      { ...valid, dots: { ...dots, environment: { baseUrl: 'ftp://x' } } },
      /dots\.environment` must be/,
    ],
    [{ ...valid, auth: undefined }, /auth: \{ jwtSecret \}/],
    [{ ...valid, auth: { jwtSecret: 'short' } }, /at least 32 characters/],
    [{ ...valid, auth: { jwksUrl: 'not a url' } }, /jwksUrl` must be an absolute/],
    [{ ...valid, auth: { jwtSecret: 'x'.repeat(64) } }, /fewer than 8 different characters/],
    [{ ...valid, auth: { jwtSecret: 'abcdefgh'.repeat(5) } }, /jwtSecret` is a repeated sequence/],
    [{ ...valid, auth: { jwksUrl: 'http://auth.example/jwks' } }, /jwksUrl.*http: off loopback/],
    [
      { ...valid, dots: { ...dots, environment: { baseUrl: 'http://dots.example/api' } } },
      /baseUrl that uses http: off loopback/,
    ],
    [{ ...valid, auth: { jwtSecret: JWT_SECRET, maxTokenAge: '1 week' } }, /maxTokenAge/],
    [{ ...valid, auth: { jwtSecret: JWT_SECRET, maxTokenAge: 0 } }, /maxTokenAge/],
    [{ ...valid, auth: { jwtSecret: JWT_SECRET, audience: [] } }, /auth\.audience/],
    [{ ...valid, auth: { jwtSecret: JWT_SECRET, issuer: '' } }, /auth\.issuer/],
    [{ ...valid, store: createMemoryStore() }, /either `store` or `databaseUrl`/],
    [{ ...valid, webhookSecret: 'secret' }, /starting with `whsec_`/],
    [{ ...valid, allowedOrigins: ['https://shop.example/'] }, /allowedOrigins/],
    [{ ...valid, rateLimit: { perIp: 0 } }, /rateLimit\.perIp/],
    [{ ...valid, rateLimit: { shared: 'yes' } }, /rateLimit\.shared/],
    [{ ...valid, heartbeatMs: -1 }, /heartbeatMs/],
    [{ ...valid, bodyLimit: true }, /bodyLimit/],
    [{ ...valid, databaseUrl: 'mysql://x' }, /unsupported store URL/],
  ] as Array<[unknown, RegExp]>)('throws at creation with the fix: %#', (options, message) => {
    expect(() => createBroker(options as BrokerOptions)).toThrow(message);
  });

  it('never puts the API key in an error message', () => {
    let message = '';
    try {
      createBroker({ ...valid, dots: { ...dots, environment: 'nope' as 'sandbox' } });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/environment/);
    expect(message).not.toContain(TEST_API_KEY);
  });

  it('accepts a ready Dots client and uses it as is', async () => {
    const client = createDotsClient({
      clientId: 'c',
      apiKey: TEST_API_KEY,
      environment: 'sandbox',
    });
    const broker = createBroker({ ...valid, dots: client });
    expect(broker.client).toBe(client);
    await broker.close();
  });

  it('returns a router carrying the server-side API', async () => {
    const broker = createBroker(valid);
    expect(typeof broker).toBe('function');
    for (const name of ['flows', 'payoutLinks', 'transfers', 'payoutBatches', 'users'] as const) {
      expect(typeof broker[name].create).toBe('function');
      expect(typeof broker[name].retrieve).toBe('function');
    }
    expect(typeof broker.payouts.create).toBe('function');
    expect(typeof broker.client.flows.retrieve).toBe('function');
    expect(broker.store.kind).toBe('memory');
    await broker.ready();
    await broker.close();
    expect(JSON.stringify(broker.client)).not.toContain(TEST_API_KEY);
  });
});

describe('authorize(req)', () => {
  it('uses the host principal; throwing or undefined is a 401', async () => {
    const b = await startBroker({
      dots,
      store: createMemoryStore(),
      authorize: (req) => {
        if (req.headers['x-user'] === 'boom') throw new Error('session store down');
        return req.headers['x-user']
          ? { sub: String(req.headers['x-user']), scopes: ['flows:read'] }
          : undefined;
      },
    });
    try {
      expect((await request(b.url).get('/flows/abc').set('x-user', 'olga')).status).toBe(404);
      const none = await request(b.url).get('/flows/abc');
      expect(none.status).toBe(401);
      const boom = await request(b.url).get('/flows/abc').set('x-user', 'boom');
      expect(boom.status).toBe(401);
      expect(JSON.stringify(boom.body)).not.toContain('session store down');
      expect(
        (
          await request(b.url)
            .post('/flows')
            .set('x-user', 'olga')
            .send({ steps: ['compliance'] })
        ).status,
      ).toBe(403);
    } finally {
      await b.close();
    }
  });
});

describe('JWKS', () => {
  it('verifies RS256 tokens against a JWKS URL, with issuer and audience', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    const b = await startBroker({
      dots,
      store: createMemoryStore(),
      auth: { jwksUrl, issuer: 'https://shop.example', audience: 'dotskit' },
    });
    const sign = (claims: Record<string, unknown>, iss = 'https://shop.example') =>
      new SignJWT({ scope: 'flows:read', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('pia')
        .setIssuer(iss)
        .setAudience('dotskit')
        .setExpirationTime('5m')
        .sign(privateKey);
    try {
      expect(
        (
          await request(b.url)
            .get('/flows/abc')
            .set('authorization', `Bearer ${await sign({})}`)
        ).status,
      ).toBe(404);
      expect(
        (
          await request(b.url)
            .get('/flows/abc')
            .set('authorization', `Bearer ${await sign({}, 'https://evil.example')}`)
        ).status,
      ).toBe(401);
      const hs = await token('pia');
      expect(
        (await request(b.url).get('/flows/abc').set('authorization', `Bearer ${hs}`)).status,
      ).toBe(401);
      const badClaim = await request(b.url)
        .get('/flows/abc')
        .set('authorization', `Bearer ${await sign({ max_payout_cents: 'lots' })}`);
      expect(badClaim.status).toBe(401);
      expect(badClaim.body.error.message).toMatch(/max_payout_cents/);
    } finally {
      await b.close();
      jwks.close();
    }
  });
});
