import { DotsFlow, type FlowStep } from '@dotskit/react';
import { useState } from 'react';
import { useLog } from '../event-log';
import { useSeller } from '../seller-context';
import { NeedsOnboarding } from './needs-onboarding';

const STEPS: FlowStep[] = [{ name: 'manage-payouts', hide_continue_button: true }];

/** Scenario 5: come back later and change the payout method. */
export function PayoutMethodPage() {
  const { session } = useSeller();
  const log = useLog();
  const [saved, setSaved] = useState(false);

  if (!session.dotsUserId) return <NeedsOnboarding what="Changing your payout method" />;

  return (
    <section aria-labelledby="method-title">
      <h1 id="method-title">Payout method</h1>
      <p className="muted">Change where your money goes. Changes take effect at once.</p>
      {saved && (
        <p role="status" className="success">
          Payout method saved
        </p>
      )}
      <DotsFlow
        steps={STEPS}
        title="Manage payout methods"
        onReady={(flow) => log('DotsFlow', 'onReady', flow)}
        onStepComplete={(event) => {
          setSaved(true);
          log('DotsFlow', 'onStepComplete', event);
        }}
        onComplete={(flow) => log('DotsFlow', 'onComplete', flow)}
        onExit={(event) => log('DotsFlow', 'onExit', event)}
        onError={(e) => log('DotsFlow', 'onError', e)}
      />
    </section>
  );
}
