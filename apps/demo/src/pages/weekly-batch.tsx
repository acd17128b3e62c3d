import { PayoutStatus } from '@dotskit/react';
import { useState } from 'react';
import { useLog } from '../event-log';
import { runWeeklyBatch } from '../host-api';
import { useSeller } from '../seller-context';
import { NeedsOnboarding } from './needs-onboarding';

/**
 * Scenario 4: the weekly batch. The server creates a payout batch for the seller's sales of
 * the week; the status shows processed / succeeded / failed counts until it completes.
 */
export function WeeklyBatchPage() {
  const { session } = useSeller();
  const log = useLog();
  const [batches, setBatches] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!session.dotsUserId) return <NeedsOnboarding what="The weekly batch" />;

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const batch = await runWeeklyBatch();
      log('server', 'payout batch created', batch);
      setBatches((prev) => [batch.id, ...prev]);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="batch-title">
      <h1 id="batch-title">Weekly batch</h1>
      <p className="muted">
        Every week the marketplace pays each seller's sales in one batch (three orders here: $12.50,
        $8.30 and $24.00).
      </p>
      <button type="button" onClick={run} disabled={busy}>
        {busy ? 'Creating…' : 'Run this week’s batch'}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ul className="status-list">
        {batches.map((id) => (
          <li key={id}>
            <PayoutStatus payoutBatchId={id} />
          </li>
        ))}
      </ul>
    </section>
  );
}
