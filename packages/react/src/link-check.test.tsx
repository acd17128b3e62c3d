import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DotsFlow } from './dots-flow';
import { FRAME_SANDBOX } from './flow-link';
import { PayoutLinkButton } from './payout-link-button';
import { flush, postFrom, setup, stateOf } from './test-support/helpers';
import { createFakeBroker } from './testing';
import { nav } from './use-payout-link';

// Every broker `link` passes the link check before it is framed, navigated to or linked.
// The fake broker builds links as `${flowOrigin}/flow/<id>`, so a hostile origin makes
// a hostile link.
afterEach(() => {
  vi.restoreAllMocks();
});

const HOSTILE = {
  javascript: 'javascript:document.title="pwned"//',
  data: 'data:text/html,<script>parent.postMessage({height:999},"*")</script>',
  'http off loopback': 'http://flows.example',
  'unknown https host': 'https://my.dots.dev.evil.example',
};
const root = (c: HTMLElement) => c.firstElementChild;

describe('DotsFlow link check', () => {
  for (const [name, flowOrigin] of Object.entries(HOSTILE))
    it(`a ${name} link is an error state (untrusted_link), never a frame`, async () => {
      const onError = vi.fn();
      const onReady = vi.fn();
      const fb = createFakeBroker({ flowOrigin });
      const r = setup(<DotsFlow steps={['payout']} onError={onError} onReady={onReady} />, {}, fb);
      await flush();
      expect(document.querySelector('iframe')).toBeNull();
      expect(stateOf(root(r.container))).toBe('error');
      expect(onError).toHaveBeenCalledTimes(1);
      expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'untrusted_link' });
      // Development builds name the code on screen.
      expect(screen.getByRole('alert').textContent).toContain('(untrusted_link)');
      // A data: page's messages arrive with origin "null": nothing listens for them.
      postFrom(window, 'null', { height: 999 });
      expect(onReady).not.toHaveBeenCalled();
    });

  it('a Dots link is framed with sandbox, referrer policy and camera for its origin only', async () => {
    const r = setup(<DotsFlow steps={['payout']} />);
    await flush();
    const frame = document.querySelector('iframe')!;
    expect(frame.getAttribute('src')).toMatch(/^https:\/\/my-sandbox\.dots\.dev\/flow\//);
    expect(frame.getAttribute('sandbox')).toBe(FRAME_SANDBOX);
    expect(frame.getAttribute('referrerpolicy')).toBe('strict-origin-when-cross-origin');
    expect(frame.getAttribute('allow')).toBe(
      'camera https://my-sandbox.dots.dev; clipboard-write https://my-sandbox.dots.dev',
    );
    expect(stateOf(root(r.container))).toBe('loading');
  });

  it('a local sandbox works once the host lists its origin on DotsProvider', async () => {
    const fb = createFakeBroker({ flowOrigin: 'http://localhost:4010' });
    const unlisted = setup(<DotsFlow steps={['payout']} />, {}, fb);
    await flush();
    expect(stateOf(root(unlisted.container))).toBe('error');
    unlisted.unmount();
    const listed = setup(
      <DotsFlow steps={['payout']} />,
      { flowOrigins: ['http://localhost:4010'] },
      fb,
    );
    await flush();
    const frame = document.querySelector('iframe')!;
    expect(frame.getAttribute('src')).toMatch(/^http:\/\/localhost:4010\/flow\//);
    postFrom(frame.contentWindow, 'http://localhost:4010', { height: 700 });
    expect(stateOf(root(listed.container))).toBe('ready');
  });

  it('a broker 403 shows its code in development', async () => {
    const fb = createFakeBroker();
    fb.failNext({ method: 'POST', path: '/flows' }, 403, 'origin_not_allowed');
    setup(<DotsFlow steps={['payout']} />, {}, fb);
    await flush();
    expect(screen.getByRole('alert').textContent).toBe(
      'Something went wrong. (origin_not_allowed)Try again',
    );
  });
});

describe('PayoutLinkButton link check', () => {
  const button = () => screen.getByRole('button', { name: 'Get paid' });

  it('redirect mode never navigates to a javascript: link', async () => {
    const go = vi.spyOn(nav, 'go').mockImplementation(() => {});
    const onError = vi.fn();
    const fb = createFakeBroker({ flowOrigin: HOSTILE.javascript });
    const r = setup(<PayoutLinkButton amount={100} mode="redirect" onError={onError} />, {}, fb);
    fireEvent.click(button());
    await flush();
    expect(go).not.toHaveBeenCalled();
    expect(stateOf(root(r.container))).toBe('error');
    expect(onError.mock.calls).toEqual([[expect.objectContaining({ code: 'untrusted_link' })]]);
    // A second click on the existing link does not navigate either.
    fireEvent.click(button());
    expect(go).not.toHaveBeenCalled();
  });

  it('popup mode never points the window at a javascript: link, and closes it', async () => {
    const popup = { location: { href: '' }, opener: {} as unknown, close: vi.fn() };
    const open = vi.spyOn(window, 'open').mockImplementation(() => popup as unknown as Window);
    const fb = createFakeBroker({ flowOrigin: HOSTILE.javascript });
    setup(<PayoutLinkButton amount={100} mode="popup" />, {}, fb);
    fireEvent.click(button());
    await flush();
    expect(open).toHaveBeenCalledWith('', '_blank');
    expect(popup.location.href).toBe('');
    expect(popup.close).toHaveBeenCalledTimes(1);
  });

  it('a blocked popup offers no href and the modal no frame for a data: link', async () => {
    vi.spyOn(window, 'open').mockImplementation(() => null);
    const fb = createFakeBroker({ flowOrigin: HOSTILE.data });
    setup(<PayoutLinkButton amount={100} mode="popup" />, {}, fb);
    fireEvent.click(button());
    await flush();
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('The popup was blocked');
    expect(dialog.querySelector('a')).toBeNull();
    expect(dialog.querySelector('iframe')).toBeNull();
    expect(dialog.querySelector('[role="alert"]')!.textContent).toContain('(untrusted_link)');
  });

  it('an allowed link opens everywhere: frame attributes, popup, redirect, fallback href', async () => {
    const go = vi.spyOn(nav, 'go').mockImplementation(() => {});
    const r = setup(<PayoutLinkButton amount={100} mode="redirect" />);
    fireEvent.click(button());
    await flush();
    const [link] = [...r.fb.payoutLinks.values()];
    expect(go).toHaveBeenCalledWith(link!.link);
    r.unmount();
    vi.spyOn(window, 'open').mockImplementation(() => null);
    const m = setup(<PayoutLinkButton amount={100} mode="popup" />);
    fireEvent.click(button());
    await flush();
    const [l2] = [...m.fb.payoutLinks.values()];
    const dialog = screen.getByRole('dialog');
    expect(dialog.querySelector('a')!.getAttribute('href')).toBe(l2!.link);
    const frame = dialog.querySelector('iframe')!;
    expect(frame.getAttribute('src')).toBe(l2!.link);
    expect(frame.getAttribute('sandbox')).toBe(FRAME_SANDBOX);
    expect(frame.getAttribute('referrerpolicy')).toBe('strict-origin-when-cross-origin');
  });
});
