import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PayoutLinkButton } from './payout-link-button';
import { count, flush, listenerCounter, setup, stateOf } from './test-support/helpers';
import { createFakeBroker } from './testing';
import { nav } from './use-payout-link';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const root = (c: HTMLElement) => c.firstElementChild;
const button = () => screen.getByRole('button', { name: 'Get paid' });

describe('PayoutLinkButton', () => {
  it('creates the link on click and opens it in an accessible modal', async () => {
    const onCreated = vi.fn();
    const r = setup(<PayoutLinkButton amount={2500} memo="Thanks" onCreated={onCreated} />);
    expect(stateOf(root(r.container))).toBe('idle');
    expect(count(r.fb, 'POST', '/payout-links')).toBe(0);
    const user = userEvent.setup();
    await user.click(button());
    const dialog = screen.getByRole('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('aria-labelledby')).toBeTruthy();
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe(
      'Claim your payout',
    );
    await flush();
    const [link] = [...r.fb.payoutLinks.values()];
    expect(link).toMatchObject({ amount: 2500, memo: 'Thanks', status: 'delivered' });
    expect(onCreated).toHaveBeenCalledTimes(1);
    expect(dialog.querySelector('iframe')!.getAttribute('src')).toBe(link!.link);
    expect(stateOf(root(r.container))).toBe('open');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
  });

  it('traps focus, closes on Escape and returns focus to the button', async () => {
    const r = setup(<PayoutLinkButton amount={100} />);
    const user = userEvent.setup();
    await user.click(button());
    await flush();
    const dialog = screen.getByRole('dialog');
    const close = screen.getByRole('button', { name: 'Close' });
    const frame = dialog.querySelector('iframe')!;
    expect(document.activeElement).toBe(close);
    // user-event does not tab into iframes, so from Close the next stop is the trailing
    // sentinel, which sends focus back to the first element; Shift+Tab reaches the
    // leading sentinel, which sends it to the last (the iframe).
    await user.tab();
    expect(document.activeElement).toBe(close);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(frame);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(close);
    for (let i = 0; i < 3; i++) await user.tab();
    expect(document.activeElement).toBe(close);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button());
    // Re-opening shows the same link, no second request.
    await user.click(button());
    await flush();
    expect(count(r.fb, 'POST', '/payout-links')).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(document.activeElement).toBe(button());
  });

  it('a double click creates one payout link', async () => {
    const r = setup(<PayoutLinkButton amount={100} />);
    fireEvent.click(button());
    fireEvent.click(button());
    await flush();
    fireEvent.click(button());
    await flush();
    expect(count(r.fb, 'POST', '/payout-links')).toBe(1);
    expect(r.fb.payoutLinks.size).toBe(1);
  });

  it('error → retry uses the same idempotency key', async () => {
    const fb = createFakeBroker();
    fb.failNext({ path: '/payout-links' }, 502, 'upstream_error');
    const onError = vi.fn();
    const r = setup(<PayoutLinkButton amount={100} onError={onError} />, {}, fb);
    fireEvent.click(button());
    await flush();
    expect(stateOf(root(r.container))).toBe('error');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await flush();
    expect(stateOf(root(r.container))).toBe('open');
    const keys = fb.requests
      .filter((q) => q.path === '/payout-links')
      .map((q) => (q.body as { idempotency_key: string }).idempotency_key);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('a new amount gets a new idempotency key and a new link', async () => {
    const fb = createFakeBroker();
    const r = setup(<PayoutLinkButton amount={100} />, {}, fb);
    fireEvent.click(button());
    await flush();
    r.rerender(<PayoutLinkButtonInProvider fb={fb} amount={200} />);
    await flush();
    fireEvent.click(button());
    await flush();
    expect(fb.payoutLinks.size).toBe(2);
  });

  it('follows the link live: claimed, then paid out, each callback once', async () => {
    const onClaimed = vi.fn();
    const onPaidOut = vi.fn();
    const r = setup(<PayoutLinkButton amount={4200} onClaimed={onClaimed} onPaidOut={onPaidOut} />);
    fireEvent.click(button());
    await flush();
    const [link] = [...r.fb.payoutLinks.values()];
    r.fb.setPayoutLinkStatus(link!.id, 'sent');
    await flush();
    expect(stateOf(root(r.container))).toBe('open');
    const transfer = r.fb.payOut(link!.id);
    await flush();
    expect(stateOf(root(r.container))).toBe('paid_out');
    expect(onClaimed).toHaveBeenCalledTimes(1);
    expect(onPaidOut).toHaveBeenCalledTimes(1);
    expect(onPaidOut.mock.calls[0]![0]).toMatchObject({ id: transfer.id, status: 'completed' });
    r.fb.setPayoutLinkStatus(link!.id, 'claimed');
    await flush();
    expect(onClaimed).toHaveBeenCalledTimes(1);
  });

  it('a claimed link is followed by polling until its transfer completes', async () => {
    vi.useFakeTimers();
    const onPaidOut = vi.fn();
    const r = setup(<PayoutLinkButton amount={100} onPaidOut={onPaidOut} />);
    fireEvent.click(button());
    await flush();
    const [link] = [...r.fb.payoutLinks.values()];
    r.fb.setPayoutLinkStatus(link!.id, 'claimed');
    await flush();
    expect(stateOf(root(r.container))).toBe('claimed');
    // The link's own transfer (named from creation, as Dots does) completes and nothing is
    // pushed: polling must find it.
    const reserved = r.fb.transfers.get(link?.transfer_id ?? '');
    expect(reserved?.status).toBeDefined();
    if (reserved) reserved.status = 'completed';
    await flush(60_000);
    expect(stateOf(root(r.container))).toBe('paid_out');
    expect(onPaidOut).toHaveBeenCalledTimes(1);
    await flush(120_000);
    expect(vi.getTimerCount()).toBe(0); // both final: nothing polls any more
  });

  it('popup mode opens the window synchronously in the click, then points it at the link', async () => {
    const popup = { location: { href: '' }, opener: {} as unknown, close: vi.fn(), closed: false };
    const open = vi.spyOn(window, 'open').mockImplementation(() => popup as unknown as Window);
    const r = setup(<PayoutLinkButton amount={100} mode="popup" />);
    fireEvent.click(button());
    expect(open).toHaveBeenCalledTimes(1); // before any await: inside the user gesture
    expect(popup.opener).toBeNull();
    await flush();
    const [link] = [...r.fb.payoutLinks.values()];
    expect(popup.location.href).toBe(link!.link);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('popup blocked: falls back to the modal and offers a link', async () => {
    vi.spyOn(window, 'open').mockImplementation(() => null);
    const r = setup(<PayoutLinkButton amount={100} mode="popup" />);
    fireEvent.click(button());
    await flush();
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('The popup was blocked');
    const [link] = [...r.fb.payoutLinks.values()];
    expect(screen.getByRole('link', { name: 'Open in a new tab' }).getAttribute('href')).toBe(
      link!.link,
    );
    expect(dialog.querySelector('iframe')!.getAttribute('src')).toBe(link!.link);
  });

  it('popup mode closes the blank window when creation fails', async () => {
    const popup = { location: { href: '' }, opener: null, close: vi.fn() };
    vi.spyOn(window, 'open').mockImplementation(() => popup as unknown as Window);
    const fb = createFakeBroker();
    fb.failNext({ path: '/payout-links' }, 400, 'invalid_input');
    setup(<PayoutLinkButton amount={100} mode="popup" />, {}, fb);
    fireEvent.click(button());
    await flush();
    expect(popup.close).toHaveBeenCalledTimes(1);
  });

  it('redirect mode navigates the page to the link', async () => {
    const go = vi.spyOn(nav, 'go').mockImplementation(() => {});
    const r = setup(<PayoutLinkButton amount={100} mode="redirect" />);
    fireEvent.click(button());
    expect(go).not.toHaveBeenCalled();
    await flush();
    const [link] = [...r.fb.payoutLinks.values()];
    expect(go).toHaveBeenCalledWith(link!.link);
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(button());
    expect(go).toHaveBeenCalledTimes(2);
    expect(r.fb.payoutLinks.size).toBe(1);
  });

  it('unmount with the modal open removes the dialog, listeners and streams', async () => {
    const doc = listenerCounter(document);
    const r = setup(<PayoutLinkButton amount={100} />);
    fireEvent.click(button());
    await flush();
    expect(r.fb.openStreams).toBe(1);
    r.unmount();
    await flush();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
    expect(r.fb.openStreams).toBe(0);
    expect(doc.counts.keydown ?? 0).toBe(0);
    expect(doc.counts.visibilitychange ?? 0).toBe(0);
    doc.restore();
  });

  it('stops following once the link is in a final state', async () => {
    vi.useFakeTimers();
    const r = setup(<PayoutLinkButton amount={100} />);
    fireEvent.click(button());
    await flush();
    const [link] = [...r.fb.payoutLinks.values()];
    r.fb.setPayoutLinkStatus(link!.id, 'expired');
    await flush();
    const n = r.fb.requests.length;
    await flush(120_000);
    expect(r.fb.requests.length).toBe(n);
    expect(r.fb.openStreams).toBe(0);
    act(() => vi.runOnlyPendingTimers());
  });
});

import { DotsProvider } from './provider';
import type { FakeBroker } from './testing';

function PayoutLinkButtonInProvider({ fb, amount }: { fb: FakeBroker; amount: number }) {
  return (
    <DotsProvider broker={fb.config}>
      <PayoutLinkButton amount={amount} />
    </DotsProvider>
  );
}
