import { PayoutHistory, type PayoutHistoryRow, PayoutStatus } from '@dotskit/react';
import type { FakeBroker } from '@dotskit/react/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { MockedDots, type MockedRenderOptions, mockedRender } from './support/mocked-dots';

/**
 * `<PayoutHistory>`: the signed-in seller's transfers and payout links, in every state.
 * The mocked broker serves `GET /transfers` and `GET /payout-links` from the fake's
 * records; live stories change them through the fake, which pushes the events.
 */
const meta = {
  title: 'Components/PayoutHistory',
  component: PayoutHistory,
  args: { kind: 'all', locale: 'en-US' },
} satisfies Meta<typeof PayoutHistory>;

export default meta;
type Story = StoryObj<typeof meta>;

const fake = () => {
  const f = window.__dotsFakeBroker;
  if (!f) throw new Error('no fake broker on this story');
  return f;
};

/** Times a few days apart, newest last, so that lists read like a real history. */
const day = (n: number) => new Date(Date.UTC(2026, 2, 1 + n, 14, 30)).toISOString();

/** A seller's month: funding, a withdrawal, a failed payout, payout links in several states. */
function seedMonth(fb: FakeBroker) {
  fb.setWallet({ amount: 4200, withdrawable_amount: 4200 }, { push: false });
  fb.createTransfer({ amount: -2500, type: 'balance', status: 'completed', created: day(1) });
  fb.createTransfer({ amount: 1800, type: 'payout', status: 'failed', created: day(2) });
  fb.createTransfer({ amount: -4200, type: 'balance', status: 'completed', created: day(4) });
  fb.createTransfer({ amount: 2500, type: 'payout', status: 'pending', created: day(6) });
  fb.createPayoutLink({ amount: 1250, memo: 'February sales', status: 'expired', created: day(0) });
  fb.createPayoutLink({ amount: 3000, memo: 'Commission', status: 'sent', created: day(3) });
  fb.createPayoutLink({ amount: 990, status: 'created', created: day(5) });
}

const story = (
  seed: (fake: FakeBroker) => void,
  options: MockedRenderOptions = {},
): Story['render'] => mockedRender(PayoutHistory, seed, options);

/** Both lists, a few rows each, with every kind of status tone. */
export const Default: Story = { render: story(seedMonth) };

/** Waiting for the broker's first pages. */
export const Loading: Story = { render: story(() => {}, { hang: /^\/(transfers|payout-links)$/ }) };

/** A seller with no payouts yet. */
export const Empty: Story = { render: story(() => {}) };

/** 45 transfers, 10 per page: "Load more" twice. */
export const ManyPages: Story = {
  args: { kind: 'transfers', pageSize: 10 },
  render: story((fb) => {
    for (let i = 0; i < 45; i++)
      fb.createTransfer({
        amount: -(500 + i * 25),
        type: 'balance',
        status: 'completed',
        created: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
      });
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const rows = () => canvas.getAllByRole('row').length - 1;
    await waitFor(() => expect(rows()).toBe(10));
    await userEvent.click(canvas.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(rows()).toBe(20));
    await userEvent.click(canvas.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(rows()).toBe(30));
  },
};

/** Live: a pending payout completes and a new funding arrives, through the event stream. */
export const LiveUpdate: Story = {
  render: story(seedMonth),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('table', { name: 'Transfers' });
    await waitFor(() => expect(canvas.getAllByText('Pending').length).toBe(1));
    const pending = [...fake().transfers.values()].find((t) => t.status === 'pending')!;
    fake().setTransferStatus(pending.id, 'completed');
    fake().fund(1500);
    await waitFor(() => expect(canvas.queryByText('Pending')).toBeNull());
    await waitFor(() => expect(canvas.getByText('$15.00')).toBeTruthy());
    await waitFor(() =>
      expect(canvasElement.querySelector('[aria-live="polite"]')?.textContent).toBe(
        'Payout, $25.00: Completed',
      ),
    );
  },
};

/** The broker failed (503): an error with a retry in each list. */
export const ErrorState: Story = {
  name: 'Error',
  tags: ['expected-http-error'],
  render: story(seedMonth, {
    fail: { path: /^\/(transfers|payout-links)$/, status: 503, code: 'upstream_unavailable' },
  }),
};

/** Rows open a `<PayoutStatus>` (through `onSelect`). */
export const WithDetails: Story = {
  render: function Render(args, { globals }) {
    const [row, setRow] = useState<PayoutHistoryRow | null>(null);
    return (
      <MockedDots seed={seedMonth} theme={globals.theme}>
        {() => (
          <>
            <PayoutHistory {...args} onSelect={setRow} />
            {row && <PayoutStatus key={row.resource.id} {...row.target} />}
          </>
        )}
      </MockedDots>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const [first] = await canvas.findAllByRole('button', { name: /^Details: / });
    await userEvent.click(first!);
    await waitFor(() => expect(canvasElement.querySelector('.dots-status')).toBeTruthy());
  },
};

/** Dark appearance. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  render: story(seedMonth, { theme: 'dark' }),
};
