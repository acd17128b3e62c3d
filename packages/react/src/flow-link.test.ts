import { describe, expect, it } from 'vitest';
import { DotsWidgetError } from './errors';
import {
  assertFlowOrigins,
  checkLink,
  DOTS_FLOW_HOSTS,
  FRAME_SANDBOX,
  frameAttrs,
} from './flow-link';

const refused = (link: unknown, origins?: string[]) => {
  const c = checkLink(link, origins);
  if (c instanceof URL) return 'accepted';
  expect(c).toBeInstanceOf(DotsWidgetError);
  return c.code;
};

describe('checkLink', () => {
  it('accepts https links on each Dots flow host', () => {
    for (const host of DOTS_FLOW_HOSTS)
      expect((checkLink(`https://${host}/flow/f_1?x=1`) as URL).href).toBe(
        `https://${host}/flow/f_1?x=1`,
      );
  });

  it('refuses script, data and other non-http schemes, even for listed origins', () => {
    for (const link of [
      'javascript:alert(document.cookie)',
      'JavaScript:alert(1)//https://my.dots.dev/flow/1',
      ' javascript:alert(1)',
      'data:text/html,<script>parent.postMessage({height:900},"*")</script>',
      'blob:https://my.dots.dev/0b6f',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
    ])
      expect(refused(link, ['https://my.dots.dev', 'null'])).toBe('untrusted_link');
  });

  it('refuses unknown https hosts, look-alikes, other ports and plain http to Dots', () => {
    for (const link of [
      'https://evil.example/flow/1',
      'https://my.dots.dev.evil.example/flow/1',
      'https://evilmy.dots.dev/flow/1',
      'https://my.dots.dev:8443/flow/1',
      'http://my.dots.dev/flow/1',
      'https://dots.dev/flow/1',
    ])
      expect(refused(link)).toBe('untrusted_link');
  });

  it('refuses relative, empty and non-string links', () => {
    for (const link of ['/flow/1', '//my.dots.dev/flow/1', '', undefined, null, 42, {}])
      expect(refused(link)).toBe('untrusted_link');
  });

  it('accepts an origin the host listed: https anywhere, http only on loopback', () => {
    expect(refused('http://localhost:4010/flow/1', ['http://localhost:4010'])).toBe('accepted');
    expect(refused('http://127.0.0.1:4010/flow/1', ['http://127.0.0.1:4010'])).toBe('accepted');
    expect(refused('http://[::1]:4010/flow/1', ['http://[::1]:4010'])).toBe('accepted');
    // The one loopback rule (`@dotskit/api/wire`): *.localhost names this machine too.
    expect(refused('http://dots.localhost:4010/f', ['http://dots.localhost:4010'])).toBe(
      'accepted',
    );
    expect(refused('http://localhost.evil.example/f', ['http://localhost.evil.example'])).toBe(
      'untrusted_link',
    );
    expect(refused('https://dots.proxy.example/f', ['https://dots.proxy.example'])).toBe(
      'accepted',
    );
    // Listed, but plain http off the machine: refused.
    expect(refused('http://10.0.0.5:4010/flow/1', ['http://10.0.0.5:4010'])).toBe('untrusted_link');
    // Loopback, but not listed (or another port): refused.
    expect(refused('http://localhost:4010/flow/1')).toBe('untrusted_link');
    expect(refused('http://localhost:4011/flow/1', ['http://localhost:4010'])).toBe(
      'untrusted_link',
    );
  });
});

describe('assertFlowOrigins', () => {
  it('takes exact https origins and loopback http origins', () => {
    expect(() =>
      assertFlowOrigins(['http://localhost:4010', 'http://127.0.0.1:9', 'https://a.example']),
    ).not.toThrow();
    expect(() => assertFlowOrigins(undefined)).not.toThrow();
  });

  it('throws a [dotskit] TypeError naming the fix for anything that could never match', () => {
    for (const bad of [
      'localhost:4010',
      'http://localhost:4010/',
      'https://a.example/flow',
      'http://staging.example',
      'javascript:alert(1)',
      'null',
    ])
      expect(() => assertFlowOrigins([bad])).toThrow(
        expect.objectContaining({
          name: 'TypeError',
          message: expect.stringMatching(/^\[dotskit\] <DotsProvider flowOrigins>: .*localhost/),
        }),
      );
    expect(() => assertFlowOrigins('http://localhost:4010/')).toThrow(TypeError);
  });
});

describe('frameAttrs', () => {
  it('sandboxes the frame, limits the referrer and delegates camera to the link origin only', () => {
    expect(frameAttrs(new URL('https://my.dots.dev/flow/1'))).toEqual({
      sandbox: FRAME_SANDBOX,
      referrerPolicy: 'strict-origin-when-cross-origin',
      allow: 'camera https://my.dots.dev; clipboard-write https://my.dots.dev',
    });
    expect(FRAME_SANDBOX.split(' ')).not.toContain('allow-top-navigation');
  });
});
