import { type PayoutLink, PayoutStatus } from '@dotskit/react';
import { useEffect, useState } from 'react';

async function claimedTransfer(payoutLinkId: string): Promise<string | null> {
  const response = await fetch(`/api/payout-links/${encodeURIComponent(payoutLinkId)}/transfer`, {
    credentials: 'same-origin',
  });
  if (!response.ok) return null;
  return ((await response.json()) as { transferId: string | null }).transferId;
}

/**
 * A payout link's live status and, once the link has a transfer (it was claimed), that
 * transfer's status too: a link is "paid out" when its transfer is `completed`.
 * `<PayoutStatus payoutLinkId>` stops following the link at `claimed`, which can come
 * before the transfer exists; the host then asks its own server for the transfer id.
 */
export function PayoutLinkStatus({ payoutLinkId }: { payoutLinkId: string }) {
  const [transferId, setTransferId] = useState<string | null>(null);
  const [claimed, setClaimed] = useState(false);

  useEffect(() => {
    if (!claimed || transferId) return;
    let stopped = false;
    let delay = 250;
    const ask = async () => {
      const id = await claimedTransfer(payoutLinkId).catch(() => null);
      if (stopped) return;
      if (id) setTransferId(id);
      else if (delay < 8_000) {
        delay *= 2;
        setTimeout(ask, delay);
      }
    };
    void ask();
    return () => {
      stopped = true;
    };
  }, [claimed, transferId, payoutLinkId]);

  return (
    <div className="payout-link-status" data-payout-link={payoutLinkId}>
      <PayoutStatus
        payoutLinkId={payoutLinkId}
        onChange={(state, resource) => {
          const id = (resource as PayoutLink).transfer_id;
          if (id) setTransferId(id);
          if (state === 'claimed') setClaimed(true);
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
