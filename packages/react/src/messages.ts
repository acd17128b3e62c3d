/** UI strings of `DotsFlow`. */
export const flowMessages = {
  loading: 'Loading…',
  error: 'Something went wrong.',
  retry: 'Try again',
  expired: 'Session expired.',
  exited: 'Flow closed.',
  restart: 'Start again',
  exit: 'Cancel',
  complete: 'All done.',
  flowTitle: 'Dots payouts',
};

/** UI strings of `PayoutLinkButton`. */
export const payoutMessages = {
  loading: 'Loading…',
  error: 'Something went wrong.',
  retry: 'Try again',
  payoutButton: 'Get paid',
  payoutTitle: 'Claim your payout',
  close: 'Close',
  popupBlocked: 'The popup was blocked, so the payout opened here.',
  openLink: 'Open in a new tab',
};

/** UI strings of `PayoutStatus`; `statuses` label each Dots status, `steps` each flow step. */
export const statusMessages = {
  loading: 'Loading…',
  error: 'Something went wrong.',
  retry: 'Try again',
  statusLabel: 'Payout status',
  processed: 'Processed',
  succeeded: 'Succeeded',
  failed: 'Failed',
  statuses: {
    created: 'Created',
    delivery_pending: 'Sending',
    funds_pending: 'Awaiting funds',
    delivery_failed: 'Delivery failed',
    sent: 'Sent',
    delivered: 'Delivered',
    claimed: 'Claimed',
    paid_out: 'Paid out',
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
  } as Record<string, string>,
  /** Labels of flow steps in a flow's timeline, keyed by the Dots step name. */
  steps: {
    compliance: 'Tax information',
    'id-verification': 'Identity check',
    'background-check': 'Background check',
    'manage-payments': 'Payment methods',
    'manage-payouts': 'Payout method',
    payout: 'Payout',
    redirect: 'Finish',
    'pdf-form-fill': 'Forms',
  } as Record<string, string>,
};

/** UI strings of `PayoutHistory` (status labels come from `statuses`). */
export const historyMessages = {
  loading: 'Loading…',
  error: 'Something went wrong.',
  retry: 'Try again',
  transfersCaption: 'Transfers',
  payoutLinksCaption: 'Payout links',
  dateHeader: 'Date',
  descriptionHeader: 'Description',
  amountHeader: 'Amount',
  statusHeader: 'Status',
  details: 'Details',
  loadMore: 'Load more',
  loadingMore: 'Loading more…',
  noTransfers: 'No transfers yet.',
  noPayoutLinks: 'No payout links yet.',
  /** A transfer from the marketplace into the user's wallet (negative amount). */
  received: 'Received',
  /** A payout to the user's own account. */
  payout: 'Payout',
  /** A transfer from the user's wallet back to the marketplace. */
  sent: 'Sent to the marketplace',
  /** A payout link without a memo. */
  payoutLink: 'Payout link',
};

/** UI strings of `WalletBalance`. */
export const walletMessages = {
  loading: 'Loading…',
  error: 'Something went wrong.',
  retry: 'Try again',
  close: 'Close',
  balance: 'Balance',
  withdrawable: 'Available to withdraw',
  withdraw: 'Withdraw',
  withdrawTitle: 'Withdraw funds',
  /** Shown while the user has no Dots user linked (the broker's `no_linked_user`). */
  noLinkedUser: 'Finish onboarding to see your balance.',
};

/**
 * Every UI string this package renders (English defaults below); replace any through
 * `<DotsProvider messages>`. Status labels are keyed by the Dots status.
 */
export type DotsMessages = typeof flowMessages &
  typeof payoutMessages &
  typeof statusMessages &
  typeof historyMessages &
  typeof walletMessages;
