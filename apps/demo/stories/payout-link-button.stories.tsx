import { PayoutLinkButton } from '@dotskit/react';
import type { FakeBroker } from '@dotskit/react/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { MockedDots } from './support/mocked-dots';

/**
 * `<PayoutLinkButton>` in every state. Clicking creates a payout link through the mocked
 * broker and opens it; the stand-in claim page pays it out.
 */
const meta = {
  title: 'Components/PayoutLinkButton',
  component: PayoutLinkButton,
  args: {
    amount: 2500,
    memo: 'March sales',
    mode: 'modal',
    onCreated: fn(),
    onClaimed: fn(),
    onPaidOut: fn(),
    onError: fn(),
  },
} satisfies Meta<typeof PayoutLinkButton>;

export default meta;
type Story = StoryObj<typeof meta>;

const mocked =
  (seed?: (fake: FakeBroker) => void, hang?: RegExp): Story['render'] =>
  (args, { globals }) => (
    <MockedDots seed={seed} hang={hang} theme={globals.theme}>
      {() => <PayoutLinkButton {...args} />}
    </MockedDots>
  );

const fake = () => {
  const f = window.__dotsFakeBroker;
  if (!f) throw new Error('no fake broker on this story');
  return f;
};
const onlyLinkId = () => [...fake().payoutLinks.keys()][0]!;
const clickButton = async (canvasElement: HTMLElement) =>
  userEvent.click(await within(canvasElement).findByRole('button', { name: /get paid/i }));
const stateOf = (canvasElement: HTMLElement) =>
  canvasElement.querySelector('[data-state]')?.getAttribute('data-state');

/** Before the click. */
export const Idle: Story = { render: mocked() };

/** Clicked; the broker has not answered yet. */
export const Creating: Story = {
  render: mocked(undefined, /^\/payout-links$/),
  play: async ({ canvasElement }) => {
    await clickButton(canvasElement);
    await waitFor(() => expect(stateOf(canvasElement)).toBe('creating'));
  },
};

/** The link exists and is open in the modal, waiting to be claimed. */
export const OpenInModal: Story = {
  render: mocked(),
  play: async ({ args, canvasElement }) => {
    await clickButton(canvasElement);
    await waitFor(() => expect(args.onCreated).toHaveBeenCalledTimes(1));
  },
};

/** The payee claimed the link. */
export const Claimed: Story = {
  render: mocked(),
  play: async ({ args, canvasElement }) => {
    await clickButton(canvasElement);
    await waitFor(() => expect(args.onCreated).toHaveBeenCalled());
    fake().setPayoutLinkStatus(onlyLinkId(), 'claimed');
    await waitFor(() => expect(args.onClaimed).toHaveBeenCalledTimes(1));
  },
};

/** Claimed and its transfer completed: paid out. */
export const PaidOut: Story = {
  render: mocked(),
  play: async ({ args, canvasElement }) => {
    await clickButton(canvasElement);
    await waitFor(() => expect(args.onCreated).toHaveBeenCalled());
    fake().payOut(onlyLinkId());
    await waitFor(() => expect(args.onPaidOut).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(stateOf(canvasElement)).toBe('paid_out'));
  },
};

/** The broker refused (502): the error once, with its retry inside the open modal. */
export const ErrorState: Story = {
  name: 'Error',
  tags: ['expected-http-error'],
  render: mocked((f) => f.failNext({ method: 'POST', path: '/payout-links' }, 502, 'upstream')),
  play: async ({ args, canvasElement }) => {
    await clickButton(canvasElement);
    await waitFor(() => expect(args.onError).toHaveBeenCalledTimes(1));
    const dialog = await within(document.body).findByRole('dialog');
    await expect(within(dialog).getByRole('alert')).toBeTruthy();
    await expect(within(dialog).getByRole('button', { name: 'Try again' })).toBeTruthy();
  },
};

/** Popup mode (opens the link in a new window on click). */
export const PopupMode: Story = { args: { mode: 'popup' }, render: mocked() };

/** Replaces `window.open` with a blocker while mounted. */
function BlockPopups({ children }: { children: React.ReactNode }) {
  useState(() => {
    const original = window.open;
    window.open = () => null;
    (window as { __restoreOpen?: () => void }).__restoreOpen = () => {
      window.open = original;
    };
    return null;
  });
  useEffect(() => () => (window as { __restoreOpen?: () => void }).__restoreOpen?.(), []);
  return <>{children}</>;
}

/** Popup mode with the popup blocked: falls back to the modal and says so. */
export const PopupBlocked: Story = {
  args: { mode: 'popup' },
  render: (args, { globals }) => (
    <BlockPopups>
      <MockedDots theme={globals.theme}>{() => <PayoutLinkButton {...args} />}</MockedDots>
    </BlockPopups>
  ),
  play: async ({ args, canvasElement }) => {
    await clickButton(canvasElement);
    await waitFor(() => expect(args.onCreated).toHaveBeenCalledTimes(1));
    await within(document.body).findByText(/popup was blocked/i);
  },
};

/** Dark appearance. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  render: (args) => <MockedDots theme="dark">{() => <PayoutLinkButton {...args} />}</MockedDots>,
  play: OpenInModal.play,
};
