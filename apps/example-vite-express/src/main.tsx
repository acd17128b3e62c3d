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

let cached: { token: string; expiresAt: number } | undefined;

/** The broker token, reused until 30 s before it expires; a fresh one after a 401. */
async function getToken({ refresh }: { refresh: boolean }): Promise<string> {
  if (!refresh && cached && cached.expiresAt - 30 > Date.now() / 1000) return cached.token;
  const response = await fetch('/api/token', { method: 'POST' });
  if (!response.ok) throw new Error(`the token endpoint answered ${response.status}`);
  cached = (await response.json()) as { token: string; expiresAt: number };
  return cached.token;
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
// The server names the flow pages' origin when it is a local sandbox (see server/main.ts).
const config = (await (await fetch('/api/config')).json()) as { flowOrigins: string[] };
createRoot(root).render(
  <StrictMode>
    <App flowOrigins={config.flowOrigins} />
  </StrictMode>,
);
