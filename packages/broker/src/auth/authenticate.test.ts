import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BrokerError } from '../errors';
import { JWT_SECRET } from '../test-support/helpers';
import { type Authenticator, createJwtAuthenticator } from './authenticate';

const key = new TextEncoder().encode(JWT_SECRET);

/** A token issued `ageSeconds` ago, valid for an hour from now. */
const sign = (claims: Record<string, unknown>, ageSeconds = 0, withIat = true) => {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('alice')
    .setExpirationTime(now + 3_600);
  if (withIat) jwt.setIssuedAt(now - ageSeconds);
  return jwt.sign(key);
};

const outcome = async (authenticate: Authenticator, jwt: string) => {
  try {
    await authenticate(`Bearer ${jwt}`, undefined);
    return 'ok';
  } catch (err) {
    expect(err).toBeInstanceOf(BrokerError);
    return (err as BrokerError).message;
  }
};

afterEach(() => {
  vi.useRealTimers();
});

describe('JWT claim checks', () => {
  it('checks issuer and audience when configured', async () => {
    const auth = createJwtAuthenticator({
      jwtSecret: JWT_SECRET,
      issuer: 'https://shop.example',
      audience: ['dotskit', 'payouts'],
    });
    expect(await outcome(auth, await sign({ iss: 'https://shop.example', aud: 'dotskit' }))).toBe(
      'ok',
    );
    expect(
      await outcome(auth, await sign({ iss: 'https://evil.example', aud: 'dotskit' })),
    ).toMatch(/`iss`/);
    expect(await outcome(auth, await sign({ iss: 'https://shop.example', aud: 'other' }))).toMatch(
      /`aud`/,
    );
    expect(await outcome(auth, await sign({ aud: 'dotskit' }))).toMatch(/`iss`/);
  });

  it('refuses tokens older than maxTokenAge, or without iat, whatever their exp', async () => {
    const auth = createJwtAuthenticator({ jwtSecret: JWT_SECRET, maxTokenAge: '15m' });
    expect(await outcome(auth, await sign({}, 60))).toBe('ok');
    expect(await outcome(auth, await sign({}, 16 * 60))).toMatch(/expired/);
    expect(await outcome(auth, await sign({}, 0, false))).toMatch(/`iat`/);
  });

  it('drops a cached token once it passes maxTokenAge', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const auth = createJwtAuthenticator({ jwtSecret: JWT_SECRET, maxTokenAge: 600 });
    const jwt = await sign({});
    expect(await outcome(auth, jwt)).toBe('ok');
    vi.setSystemTime(new Date('2030-01-01T00:09:00Z'));
    expect(await outcome(auth, jwt)).toBe('ok');
    vi.setSystemTime(new Date('2030-01-01T00:10:30Z'));
    expect(await outcome(auth, jwt)).toMatch(/expired/);
  });
});
