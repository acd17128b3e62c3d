import { DotsFlow, type FlowStep, PayoutStatus } from '@dotskit/react';
import { useState } from 'react';
import { useLog } from '../event-log';
import { fundWallet } from '../host-api';
import { useSeller } from '../seller-context';
import { NeedsOnboarding } from './needs-onboarding';

const STEPS: FlowStep[] = ['payout'];

/**
 * Scenario 2: the marketplace's server funds the seller's Dots wallet (a transfer with a
 * negative amount, created by the broker for this seller), then the seller withdraws
 * through the `payout` step. The transfer's status follows along live.
 */
export function WalletPage() {
  const { session } = useSeller();
  const log = useLog();
  const [transfers, setTransfers] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState(0);

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
      <h2>Withdraw</h2>
      {withdrawing === 0 ? (
        <button type="button" onClick={() => setWithdrawing(1)}>
          Withdraw my balance
        </button>
      ) : (
        <DotsFlow
          key={withdrawing}
          steps={STEPS}
          title="Withdraw"
          onReady={(flow) => log('DotsFlow', 'onReady', flow)}
          onStepComplete={(event) => log('DotsFlow', 'onStepComplete', event)}
          onComplete={(flow) => log('DotsFlow', 'onComplete', flow)}
          onExit={(event) => log('DotsFlow', 'onExit', event)}
          onError={(e) => log('DotsFlow', 'onError', e)}
        />
      )}
    </section>
  );
}
