'use client';
// The client wrapper: everything that holds a callback or state lives here.
import {
  type BrokerConfig,
  DotsFlow,
  DotsProvider,
  PayoutLinkButton,
  PayoutStatus,
} from '@dotskit/react';
import { useState } from 'react';

/** A new broker token from the app's token endpoint (the widgets keep it until near `exp`). */
async function getToken(): Promise<string> {
  const response = await fetch('/api/token', { method: 'POST' });
  if (!response.ok) throw new Error(`the token endpoint answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

const broker: BrokerConfig = { url: '/dots', getToken };

interface PayoutsProps {
  amount: number;
  memo: string;
  /** A local sandbox's origin: its flow pages are not on a Dots host. */
  flowOrigins?: string[] | undefined;
}

/** Onboarding, then a payout link of `amount` cents, for the signed-in seller. */
export function Payouts({ amount, memo, flowOrigins }: PayoutsProps) {
  const [completions, setCompletions] = useState(0);
  const [payoutLinkId, setPayoutLinkId] = useState<string>();
  const [transferId, setTransferId] = useState<string>();
  return (
    <DotsProvider broker={broker} flowOrigins={flowOrigins}>
      <h2>Get set up to be paid</h2>
      {completions > 0 && (
        <p role="status" data-testid="onboarding-complete" data-count={completions}>
          Onboarding complete
        </p>
      )}
      <DotsFlow
        steps={['compliance', 'manage-payouts']}
        title="Seller onboarding"
        onComplete={() => setCompletions((n) => n + 1)}
      />
      <h2>Get paid</h2>
      <PayoutLinkButton
        amount={amount}
        memo={memo}
        mode="modal"
        onCreated={(link) => setPayoutLinkId(link.id)}
        onPaidOut={(transfer) => setTransferId(transfer.id)}
      >
        Get paid ${(amount / 100).toFixed(2)}
      </PayoutLinkButton>
      {payoutLinkId && (
        <div data-testid="payout-link-status">
          <PayoutStatus payoutLinkId={payoutLinkId} />
        </div>
      )}
      {transferId && (
        <div data-testid="transfer-status">
          <PayoutStatus transferId={transferId} />
        </div>
      )}
    </DotsProvider>
  );
}
