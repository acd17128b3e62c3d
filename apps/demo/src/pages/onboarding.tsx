import { DotsFlow, type FlowStep } from '@dotskit/react';
import { useState } from 'react';
import { useLog } from '../event-log';
import { useResumableFlowId } from '../flow-resume';
import { useSeller } from '../seller-context';

const STEPS: FlowStep[] = ['compliance', 'manage-payouts'];

/**
 * Scenario 1: onboard a seller. The flow gains a Dots user, the broker's `onUserLinked`
 * stores it on the server, and `onComplete` fires once the broker confirms every step.
 * A reload mid-flow resumes the same flow (its id is remembered until it completes).
 */
export function OnboardingPage() {
  const { session, refresh } = useSeller();
  const log = useLog();
  const resume = useResumableFlowId(`${session.seller.id}:onboarding`);
  const [initialFlowId] = useState(resume.flowId);
  const [run, setRun] = useState(0);
  const [completions, setCompletions] = useState(0);

  return (
    <section aria-labelledby="onboarding-title">
      <h1 id="onboarding-title">Get set up to be paid</h1>
      <p className="muted">
        Verify your identity and choose how you want to receive money. Your progress is kept if you
        leave this page.
      </p>
      {session.dotsUserId && completions === 0 && (
        <p className="note" data-testid="already-onboarded">
          You are onboarded (Dots user <code>{session.dotsUserId}</code>).
        </p>
      )}
      {completions > 0 && (
        <p role="status" className="success" data-testid="onboarding-complete">
          Onboarding complete
          {completions > 1 && ` — but onComplete fired ${completions} times`}
        </p>
      )}
      <DotsFlow
        key={run}
        steps={STEPS}
        flowId={run === 0 ? initialFlowId : undefined}
        title="Seller onboarding"
        onReady={(flow) => {
          resume.remember(flow.id);
          log('DotsFlow', 'onReady', flow);
        }}
        onStepComplete={(event) => log('DotsFlow', 'onStepComplete', event)}
        onUserLinked={(userId) => log('DotsFlow', 'onUserLinked', { user_id: userId })}
        onComplete={(flow) => {
          resume.forget();
          setCompletions((n) => n + 1);
          log('DotsFlow', 'onComplete', flow);
          void refresh();
        }}
        onExit={(event) => log('DotsFlow', 'onExit', event)}
        onError={(error) => log('DotsFlow', 'onError', error)}
      />
      <p>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            resume.forget();
            setCompletions(0);
            setRun((n) => n + 1);
          }}
        >
          Start over with a new flow
        </button>
      </p>
    </section>
  );
}
