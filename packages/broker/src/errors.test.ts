import { describe, expect, it } from 'vitest';
import { BrokerError, storeUnavailable } from './errors';

describe('BrokerError', () => {
  it('is built from an options object; its status is its code’s', () => {
    const cause = new Error('driver');
    const err = new BrokerError({
      code: 'invalid_input',
      message: 'amount: too small',
      details: { fields: [{ path: 'amount' }] },
      cause,
    });
    expect(err).toMatchObject({ name: 'BrokerError', code: 'invalid_input', status: 400 });
    expect(err.cause).toBe(cause);
    expect(err.headers).toBeUndefined();
  });

  it('prefixes its message once with [dotskit]; the answer body carries the bare message', () => {
    const err = new BrokerError({ code: 'not_found', message: 'Not found.' });
    expect(err.message).toBe('[dotskit] Not found.');
    expect(err.toJSON()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
    expect(JSON.parse(JSON.stringify(err))).toEqual(err.toJSON());
  });

  it('turns retryAfterMs into Retry-After in whole seconds (at least 1), beside other headers', () => {
    expect(
      new BrokerError({ code: 'rate_limited', message: 'slow', retryAfterMs: 7_001 }).headers,
    ).toEqual({ 'Retry-After': '8' });
    expect(storeUnavailable(new Error('down')).headers).toEqual({ 'Retry-After': '1' });
    const both = new BrokerError({
      code: 'unauthorized',
      message: 'token',
      retryAfterMs: 0,
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
    expect(both.headers).toEqual({ 'WWW-Authenticate': 'Bearer', 'Retry-After': '1' });
  });

  it('misuse is a [dotskit] TypeError: an unknown code, or a status other than the code’s', () => {
    expect(() => new BrokerError({ code: 'teapot' as never, message: 'x' })).toThrow(TypeError);
    expect(() => new BrokerError({ code: 'not_found', message: 'x', status: 410 })).toThrow(
      /^\[dotskit\] BrokerError not_found is always 404/,
    );
  });
});
