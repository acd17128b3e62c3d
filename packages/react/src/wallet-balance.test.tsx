import { fireEvent, render, screen, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { DotsProvider } from './provider';
import { count, flush, onlyFlow, setup } from './test-support/helpers';
import { createFakeBroker } from './testing';
import { WalletBalance } from './wallet-balance';

const amount = (which: string) =>
  document.querySelector(`[data-amount="${which}"]`)?.textContent ?? null;

describe('WalletBalance', () => {
  it('shows the balance and the withdrawable amount in the locale', async () => {
    const fb = createFakeBroker();
    fb.setWallet({ amount: 123456, withdrawable_amount: 100000 }, { push: false });
    setup(<WalletBalance locale="en-US" />, {}, fb);
    expect(screen.getByText('Loading…').getAttribute('role')).toBe('status');
    await flush();
    expect(amount('balance')).toBe('$1,234.56');
    expect(amount('withdrawable')).toBe('$1,000.00');
    expect(screen.getByText('Available to withdraw')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Withdraw' })).toBeNull(); // not asked for
  });

  it('no linked user: an empty state, not an error', async () => {
    const fb = createFakeBroker();
    const onError = vi.fn();
    const r = setup(<WalletBalance withdraw onError={onError} />, {}, fb);
    await flush();
    expect(screen.getByText('Finish onboarding to see your balance.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onError).not.toHaveBeenCalled();
    expect((r.container.firstElementChild as HTMLElement).dataset.state).toBe('empty');
    expect(screen.queryByRole('button', { name: 'Withdraw' })).toBeNull();
  });

  it('live: funding reads the wallet again and says the new balance once', async () => {
    const fb = createFakeBroker();
    fb.setWallet({}, { push: false });
    setup(<WalletBalance locale="en-US" />, {}, fb);
    await flush();
    expect(amount('balance')).toBe('$0.00');
    fb.fund(2500);
    await flush();
    expect(amount('balance')).toBe('$25.00');
    const live = document.querySelector('[aria-live="polite"]')!;
    expect(live.textContent).toBe('Balance: $25.00. Available to withdraw: $25.00');
    // Onboarding elsewhere on the page: a wallet that was empty fills in.
    const fb2 = createFakeBroker();
    render(
      <DotsProvider broker={fb2.config}>
        <WalletBalance locale="en-US" />
      </DotsProvider>,
    );
    await flush();
    fb2.setWallet({ amount: 500 }, { push: false });
    fb2.fund(100);
    await flush();
    expect(document.querySelectorAll('[data-amount="balance"]')[1]!.textContent).toBe('$6.00');
  });

  it('error with retry', async () => {
    const fb = createFakeBroker();
    fb.setWallet({ amount: 100 }, { push: false });
    fb.failNext({ path: '/wallet' }, 503, 'upstream_unavailable');
    const onError = vi.fn();
    setup(<WalletBalance onError={onError} />, {}, fb);
    await flush();
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong.');
    expect(onError.mock.calls[0]![0].code).toBe('upstream_unavailable');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await flush();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(amount('balance')).toBe('$1.00');
  });

  it('Withdraw opens the payout step in a modal; completing it refreshes the balance', async () => {
    const fb = createFakeBroker();
    fb.setWallet({ amount: 2500, withdrawable_amount: 2500 }, { push: false });
    const onWithdrawn = vi.fn();
    setup(<WalletBalance withdraw locale="en-US" onWithdrawn={onWithdrawn} />, {}, fb);
    await flush();
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    await flush();
    const dialog = screen.getByRole('dialog', { name: 'Withdraw funds' });
    expect(within(dialog).getByTitle('Withdraw funds').tagName).toBe('IFRAME');
    expect(onlyFlow(fb).steps).toEqual(['payout']);
    fb.completeFlow(onlyFlow(fb).id);
    await flush();
    expect(onWithdrawn).toHaveBeenCalledTimes(1);
    expect(amount('balance')).toBe('$0.00');
    expect(screen.getByRole('button', { name: 'Withdraw' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('StrictMode: one read on mount; unmounting closes the event stream', async () => {
    const fb = createFakeBroker();
    fb.setWallet({}, { push: false });
    const r = render(
      <StrictMode>
        <DotsProvider broker={fb.config}>
          <WalletBalance />
        </DotsProvider>
      </StrictMode>,
    );
    await flush();
    expect(count(fb, 'GET', '/wallet')).toBe(1);
    expect(fb.openStreams).toBe(1);
    r.unmount();
    await flush();
    expect(fb.openStreams).toBe(0);
  });
});
