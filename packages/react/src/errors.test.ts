import { describe, expect, it } from 'vitest';
import { DotsWidgetError, toWidgetError, widgetError } from './errors';

describe('DotsWidgetError', () => {
  it('is built from an options object; the message gets the [dotskit] prefix once', () => {
    const cause = new Error('socket hang up');
    const e = new DotsWidgetError({
      code: 'rate_limited',
      message: 'Slow down.',
      status: 429,
      details: [{ path: 'amount' }],
      retryAfterMs: 2000,
      cause,
    });
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({
      name: 'DotsWidgetError',
      code: 'rate_limited',
      message: '[dotskit] Slow down.',
      status: 429,
      details: [{ path: 'amount' }],
      retryAfterMs: 2000,
    });
    expect(e.cause).toBe(cause);
    expect(new DotsWidgetError({ code: 'bad_response', message: '[dotskit] x' }).message).toBe(
      '[dotskit] x',
    );
    expect(new DotsWidgetError({ code: 'bad_response', message: 'x' }).status).toBeUndefined();
  });

  it('toWidgetError keeps a DotsWidgetError and calls anything else unexpected_error, never network_error', () => {
    const known = widgetError('network_error', new TypeError('Failed to fetch'));
    expect(toWidgetError(known)).toBe(known);
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    expect(toWidgetError(bug)).toMatchObject({
      code: 'unexpected_error',
      message: "[dotskit] Cannot read properties of undefined (reading 'id')",
      cause: bug,
    });
    expect(toWidgetError('thrown string')).toMatchObject({
      code: 'unexpected_error',
      message: '[dotskit] thrown string',
    });
  });
});
