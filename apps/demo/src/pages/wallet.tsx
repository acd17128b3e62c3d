import { PayoutStatus, WalletBalance } from '@dotskit/react';
import { useState } from 'react';
import { useLog } from '../event-log';
import { fundWallet } from '../host-api';
import { useSeller } from '../seller-context';
import { NeedsOnboarding } from './needs-onboarding';

/**
 * Scenario 2: the marketplace's server funds the seller's Dots wallet (a transfer with a
 * negative amount, created by the broker for this seller); `<WalletBalance>` shows the
 * balance live, and its Withdraw button opens the `payout` step in a modal.
 */
export function WalletPage() {
  const { session } = useSeller();
  const log = useLog();
  const [transfers, setTransfers] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!session.dotsUserId) return <NeedsOnboarding what="Your wallet" />;

  const fund = async () => {
    setBusy(true);
    setError(null);
    try {
      const transfer = await fundWallet(2500);
      log('server', 'transfer created', transfer);
      setTransfers((prev) => [transfer.id, ...prev]);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="wallet-title">
      <h1 id="wallet-title">Wallet</h1>
      <p className="muted">
        Your sales are moved into your Dots wallet by the marketplace; withdraw them to your payout
        method whenever you like.
      </p>
      <WalletBalance
        withdraw
        onWithdrawn={(flow) => log('WalletBalance', 'onWithdrawn', flow)}
        onError={(e) => log('WalletBalance', 'onError', e)}
      />
      <h2>Marketplace</h2>
      <button type="button" onClick={fund} disabled={busy}>
        {busy ? 'Funding…' : 'Fund my wallet with $25.00'}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {transfers.length > 0 && (
        <ul className="status-list">
          {transfers.map((id) => (
            <li key={id}>
              <PayoutStatus transferId={id} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
