import {
  type PayoutBatchStatus,
  type PayoutLink,
  type PayoutLinkStatus,
  PayoutStatus,
  type TransferStatus,
} from '@dotskit/react';
import type { FakeBroker } from '@dotskit/react/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { MockOptions } from './support/mock-broker';
import { MockedDots } from './support/mocked-dots';

/** `<PayoutStatus>` for each kind of resource and each of its statuses. */
const meta = {
  title: 'Components/PayoutStatus',
  component: PayoutStatus,
  args: { payoutLinkId: 'unused' },
} satisfies Meta<typeof PayoutStatus>;

export default meta;
type Story = StoryObj<typeof meta>;

type Target =
  | { payoutLinkId: string }
  | { transferId: string }
  | { payoutBatchId: string }
  | { flowId: string };

const story = (
  seed: (fake: FakeBroker) => Target,
  options: { hang?: RegExp; fail?: MockOptions['fail']; tags?: string[] } = {},
): Story => ({
  ...(options.tags ? { tags: options.tags } : {}),
  render: (_args, { globals }) => (
    <MockedDots seed={seed} hang={options.hang} fail={options.fail} theme={globals.theme}>
      {(target) => <PayoutStatus {...target} />}
    </MockedDots>
  ),
});

const link = (status: PayoutLinkStatus, extra: Partial<PayoutLink> = {}) =>
  story((fake) => {
    const id = `pl-${status}`;
    fake.payoutLinks.set(id, {
      id,
      created: '2026-03-01T12:00:00Z',
      link: `${fake.flowOrigin}/payout-link/${id}`,
      status,
      amount: 4250,
      memo: 'March sales',
      ...extra,
    });
    return { payoutLinkId: id };
  });

/** A claimed link whose transfer completed: followed to it, the timeline ends at "Paid out". */
export const LinkPaidOut = story((fake) => {
  const t = fake.createTransfer({ status: 'completed', amount: -4250 });
  fake.payoutLinks.set('pl-paid', {
    id: 'pl-paid',
    created: '2026-03-01T12:00:00Z',
    link: `${fake.flowOrigin}/payout-link/pl-paid`,
    status: 'claimed',
    amount: 4250,
    transfer_id: t.id,
  });
  return { payoutLinkId: 'pl-paid' };
});

/** Sent by email and delivered: the delivery stages show (a link shown in-page has none). */
export const LinkDeliveredByEmail = link('delivered', { delivery: { method: 'email' } });

const transfer = (status: TransferStatus) =>
  story((fake) => ({ transferId: fake.createTransfer({ status, amount: -2500 }).id }));

const batch = (status: PayoutBatchStatus, processed: number, succeeded: number, failed: number) =>
  story((fake) => ({
    payoutBatchId: fake.createPayoutBatch({
      status,
      items_processed: processed,
      items_succeeded: succeeded,
      items_failed: failed,
    }).id,
  }));

const flow = (completed: boolean) =>
  story((fake) => {
    const id = `flow-${completed ? 'done' : 'open'}`;
    fake.flows.set(id, {
      id,
      link: `${fake.flowOrigin}/flow/${id}`,
      steps: ['compliance', 'manage-payouts'],
      completed_steps: completed ? ['compliance', 'manage-payouts'] : ['compliance'],
      user_id: 'user-3f1c',
      created: '2026-03-14T09:30:00.000Z',
    });
    return { flowId: id };
  });

export const LinkCreated = link('created');
export const LinkDeliveryPending = link('delivery_pending');
export const LinkDeliveryFailed = link('delivery_failed');
export const LinkSent = link('sent');
export const LinkDelivered = link('delivered');
export const LinkClaimed = link('claimed');
export const LinkReversed = link('reversed');
export const LinkCanceled = link('canceled');
export const LinkExpired = link('expired');
export const LinkFailed = link('failed');

export const TransferCreated = transfer('created');
export const TransferPending = transfer('pending');
export const TransferCompleted = transfer('completed');
export const TransferFailed = transfer('failed');
export const TransferReversed = transfer('reversed');
export const TransferCanceled = transfer('canceled');
export const TransferFlagged = transfer('flagged');

export const BatchCreated = batch('created', 0, 0, 0);
export const BatchProcessing = batch('processing', 12, 12, 0);
export const BatchPayingOut = batch('paying_out', 50, 47, 3);
export const BatchCompleted = batch('completed', 50, 48, 2);

export const FlowInProgress = flow(false);
export const FlowCompleted = flow(true);

/** Waiting for the broker's first answer. */
export const Loading = story(() => ({ transferId: 'slow' }), { hang: /^\/transfers\// });

/** Not found (404): someone else's payout, or a wrong id. */
export const NotFound: Story = {
  ...story(() => ({ payoutLinkId: 'someone-elses' })),
  tags: ['expected-http-error'],
};

/** The broker failed (503): an error with a retry. */
export const ErrorState: Story = {
  ...story((fake) => ({ transferId: fake.createTransfer({ status: 'pending' }).id }), {
    fail: { path: /^\/transfers\//, status: 503, code: 'upstream_unavailable' },
  }),
  tags: ['expected-http-error'],
  name: 'Error',
};

/** Dark appearance. */
export const Dark: Story = {
  ...transfer('completed'),
  globals: { theme: 'dark' },
  render: (_args) => (
    <MockedDots seed={(fake) => fake.createTransfer({ status: 'completed' }).id} theme="dark">
      {(id) => <PayoutStatus transferId={id} />}
    </MockedDots>
  ),
};
