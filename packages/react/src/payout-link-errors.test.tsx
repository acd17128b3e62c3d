import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PayoutLinkButton } from './payout-link-button';
import { flush, setup, stateOf } from './test-support/helpers';
import { createFakeBroker } from './testing';

const button = () => screen.getByRole('button', { name: 'Get paid' });

describe('PayoutLinkButton error state', () => {
  it('with the modal open: one message, and its retry inside the dialog recovers', async () => {
    const fb = createFakeBroker();
    fb.failNext({ path: '/payout-links' }, 502, 'upstream_error');
    const onError = vi.fn();
    const r = setup(<PayoutLinkButton amount={100} onError={onError} />, {}, fb);
    fireEvent.click(button());
    await flush();
    expect(stateOf(r.container.firstElementChild)).toBe('error');
    expect(document.body.textContent!.split('Something went wrong.').length - 1).toBe(1);
    const dialog = screen.getByRole('dialog');
    const alert = within(dialog).getByRole('alert');
    expect(alert.textContent).toContain('Something went wrong. (upstream_error)');
    // The only retry is above the backdrop, in the dialog.
    expect(screen.getAllByRole('button', { name: 'Try again' })).toHaveLength(1);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Try again' }));
    await flush();
    expect(stateOf(r.container.firstElementChild)).toBe('open');
    expect(dialog.querySelector('iframe')).not.toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('with the modal closed: the message and retry sit next to the button', async () => {
    vi.spyOn(window, 'open').mockImplementation(
      () => ({ location: { href: '' }, opener: null, close: vi.fn() }) as unknown as Window,
    );
    const fb = createFakeBroker();
    fb.failNext({ path: '/payout-links' }, 502, 'upstream_error');
    const r = setup(<PayoutLinkButton amount={100} mode="popup" />, {}, fb);
    fireEvent.click(button());
    await flush();
    expect(screen.queryByRole('dialog')).toBeNull();
    const alert = within(r.container).getByRole('alert');
    expect(alert.textContent).toContain('Something went wrong.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
    vi.restoreAllMocks();
  });
});
