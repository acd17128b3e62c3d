import '@dotskit/react/styles.css';
import {
  type BrokerConfig,
  DotsFlow,
  DotsProvider,
  PayoutLinkButton,
  PayoutStatus,
} from '@dotskit/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

/** A broker token for the signed-in seller; the provider keeps it until shortly before its `exp`. */
async function getToken(): Promise<string> {
  const response = await fetch('/api/token', { method: 'POST' });
  if (!response.ok) throw new Error(`the token endpoint answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

const broker: BrokerConfig = { url: '/dots', getToken };

function App({ flowOrigins }: { flowOrigins: string[] }) {
  const [completions, setCompletions] = useState(0);
  const [payoutLinkId, setPayoutLinkId] = useState<string>();
  const [transferId, setTransferId] = useState<string>();
  return (
    <DotsProvider broker={broker} flowOrigins={flowOrigins}>
      <main style={{ maxWidth: 720, margin: '2rem auto', fontFamily: 'system-ui' }}>
        <h1>Example marketplace</h1>
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
          amount={2500}
          memo="Your March sales"
          mode="modal"
          onCreated={(link) => setPayoutLinkId(link.id)}
          onPaidOut={(transfer) => setTransferId(transfer.id)}
        >
          Get paid $25.00
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
      </main>
    </DotsProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// A real host lists nothing: Dots' hosted pages are allowed by default. The offline
// sandbox runs on this machine, so its origin is listed.
void fetch('/api/config')
  .then((response) => response.json() as Promise<{ flowOrigins: string[] }>)
  .then(({ flowOrigins }) =>
    createRoot(root).render(
      <StrictMode>
        <App flowOrigins={flowOrigins} />
      </StrictMode>,
    ),
  );
