/**
 * Every UI string this package renders; replace any through `<DotsProvider messages>`.
 * Status labels are keyed by the Dots status (`claimed`, `completed`, …).
 */
export interface DotsMessages {
  loading: string;
  error: string;
  retry: string;
  expired: string;
  exited: string;
  restart: string;
  exit: string;
  complete: string;
  flowTitle: string;
  payoutButton: string;
  payoutTitle: string;
  close: string;
  popupBlocked: string;
  openLink: string;
  statusLabel: string;
  processed: string;
  succeeded: string;
  failed: string;
  statuses: Record<string, string>;
}

/** English defaults. */
export const defaultMessages: DotsMessages = {
  loading: 'Loading…',
  error: 'Something went wrong.',
  retry: 'Try again',
  expired: 'This session expired.',
  exited: 'You left before finishing.',
  restart: 'Start again',
  exit: 'Cancel',
  complete: 'All done.',
  flowTitle: 'Dots payouts',
  payoutButton: 'Get paid',
  payoutTitle: 'Claim your payout',
  close: 'Close',
  popupBlocked: 'The popup was blocked, so the payout opened here.',
  openLink: 'Open in a new tab',
  statusLabel: 'Payout status',
  processed: 'Processed',
  succeeded: 'Succeeded',
  failed: 'Failed',
  statuses: {
    created: 'Created',
    delivery_pending: 'Sending',
    delivery_failed: 'Delivery failed',
    sent: 'Sent',
    delivered: 'Delivered',
    claimed: 'Claimed',
    reversed: 'Reversed',
    canceled: 'Canceled',
    expired: 'Expired',
    failed: 'Failed',
    pending: 'Pending',
    completed: 'Completed',
    flagged: 'Under review',
    processing: 'Processing',
    paying_out: 'Paying out',
    in_progress: 'In progress',
  },
};
