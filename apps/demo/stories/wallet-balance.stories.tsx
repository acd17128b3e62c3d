import { WalletBalance } from '@dotskit/react';
import type { FakeBroker } from '@dotskit/react/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { type MockedRenderOptions, mockedRender } from './support/mocked-dots';

/**
 * `<WalletBalance>`: the seller's balance and the amount available to withdraw, live,
 * with the Withdraw action (the `payout` step in a modal; the stand-in flow page
 * completes it, and the fake withdraws the balance as Dots would).
 */
const meta = {
  title: 'Components/WalletBalance',
  component: WalletBalance,
  args: { withdraw: true, locale: 'en-US' },
} satisfies Meta<typeof WalletBalance>;

export default meta;
type Story = StoryObj<typeof meta>;

const fake = () => {
  const f = window.__dotsFakeBroker;
  if (!f) throw new Error('no fake broker on this story');
  return f;
};

const funded = (fb: FakeBroker) =>
  void fb.setWallet({ amount: 4200, withdrawable_amount: 3700 }, { push: false });

const story = (
  seed: (fake: FakeBroker) => void,
  options: MockedRenderOptions = {},
): Story['render'] => mockedRender(WalletBalance, seed, options);

/** A balance, part of it available to withdraw. */
export const Default: Story = { render: story(funded) };

/** Waiting for the broker. */
export const Loading: Story = { render: story(funded, { hang: /^\/wallet$/ }) };

/** The seller has not onboarded yet (the broker's 404 `no_linked_user`): not an error. */
export const NotOnboarded: Story = { tags: ['expected-http-error'], render: story(() => {}) };

/** Nothing to withdraw: the button is disabled. */
export const Empty: Story = { render: story((fb) => void fb.setWallet({}, { push: false })) };

/** Live: the marketplace funds the wallet; the balance changes and is announced. */
export const LiveUpdate: Story = {
  render: story(funded),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('$42.00');
    fake().fund(2500);
    await canvas.findByText('$67.00');
    await waitFor(() =>
      expect(canvasElement.querySelector('[aria-live="polite"]')?.textContent).toBe(
        'Balance: $67.00. Available to withdraw: $62.00',
      ),
    );
  },
};

/** Withdraw opens the payout step in a modal. */
export const Withdrawing: Story = {
  render: story(funded),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Withdraw' }));
    const dialog = await within(document.body).findByRole('dialog', { name: 'Withdraw funds' });
    await within(dialog).findByTitle('Withdraw funds');
  },
};

/** The broker failed (503): an error with a retry. */
export const ErrorState: Story = {
  name: 'Error',
  tags: ['expected-http-error'],
  render: story(funded, {
    fail: { path: /^\/wallet$/, status: 503, code: 'upstream_unavailable' },
  }),
};

/** Dark appearance. */
export const Dark: Story = { globals: { theme: 'dark' }, render: story(funded, { theme: 'dark' }) };
