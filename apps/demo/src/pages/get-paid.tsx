import { PayoutLinkButton } from '@dotskit/react';
import { useId, useState } from 'react';
import { useLog } from '../event-log';
import { recordPayoutLink } from '../host-api';
import { PayoutLinkStatus } from '../payout-link-status';

/**
 * Scenario 3: pay someone who may not be onboarded yet. The button creates a payout link
 * through the broker and opens it in a modal; claiming it walks the link's own flow, and
 * the status below follows the link to paid out, live.
 */
export function GetPaidPage() {
  const log = useLog();
  const amountId = useId();
  const memoId = useId();
  const [dollars, setDollars] = useState('25.00');
  const [memo, setMemo] = useState('Payout for your March sales');
  const [links, setLinks] = useState<string[]>([]);
  const cents = Math.round(Number(dollars) * 100);
  const valid = Number.isFinite(cents) && cents > 0 && cents <= 50_000;

  return (
    <section aria-labelledby="get-paid-title">
      <h1 id="get-paid-title">Get paid</h1>
      <p className="muted">
        Create a payout link for your earnings and claim it: you can finish setting up your payout
        method inside the link.
      </p>
      <div className="form-row">
        <label htmlFor={amountId}>Amount (USD)</label>
        <input
          id={amountId}
          inputMode="decimal"
          value={dollars}
          onChange={(e) => setDollars(e.target.value)}
          aria-invalid={!valid}
        />
        <label htmlFor={memoId}>Memo</label>
        <input id={memoId} value={memo} onChange={(e) => setMemo(e.target.value)} />
      </div>
      {!valid && <p className="error">Enter an amount from $0.01 to $500.00.</p>}
      {valid && (
        <PayoutLinkButton
          amount={cents}
          memo={memo}
          mode="modal"
          onCreated={(link) => {
            log('PayoutLinkButton', 'onCreated', link);
            setLinks((prev) => (prev.includes(link.id) ? prev : [link.id, ...prev]));
            recordPayoutLink(link.id).catch((e: unknown) => log('demo', 'record failed', e));
          }}
          onClaimed={(link) => log('PayoutLinkButton', 'onClaimed', link)}
          onPaidOut={(transfer) => log('PayoutLinkButton', 'onPaidOut', transfer)}
          onError={(error) => log('PayoutLinkButton', 'onError', error)}
        >
          Get paid ${(cents / 100).toFixed(2)}
        </PayoutLinkButton>
      )}
      {links.length > 0 && (
        <>
          <h2>Your payout links</h2>
          <ul className="status-list">
            {links.map((id) => (
              <li key={id}>
                <PayoutLinkStatus payoutLinkId={id} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
