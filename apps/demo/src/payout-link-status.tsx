import { type PayoutLink, PayoutStatus } from '@dotskit/react';
import { useState } from 'react';

/**
 * A payout link's live status and, once the link has a transfer (it was claimed), that
 * transfer's status too: a link is "paid out" when its transfer is `completed`.
 */
export function PayoutLinkStatus({ payoutLinkId }: { payoutLinkId: string }) {
  const [transferId, setTransferId] = useState<string | null>(null);
  return (
    <div className="payout-link-status" data-payout-link={payoutLinkId}>
      <PayoutStatus
        payoutLinkId={payoutLinkId}
        onChange={(_state, resource) => {
          const id = (resource as PayoutLink).transfer_id;
          if (id) setTransferId(id);
        }}
      />
      {transferId && (
        <div className="payout-link-transfer" data-testid="payout-link-transfer">
          <span className="label muted">Transfer</span>
          <PayoutStatus transferId={transferId} />
        </div>
      )}
    </div>
  );
}
