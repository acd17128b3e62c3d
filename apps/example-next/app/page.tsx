// A Server Component page. Functions (getToken, callbacks) cannot be passed from a Server
// to a Client Component, so the widgets sit in a small client wrapper (./payouts.tsx) and
// the page passes it only serialisable props.
import { localFlowOrigins } from '../lib/dots-env.js';
import { Payouts } from './payouts.js';

export const dynamic = 'force-dynamic'; // reads the environment per request, not at build

export default function Page() {
  return (
    <main style={{ maxWidth: 720, margin: '2rem auto', fontFamily: 'system-ui' }}>
      <h1>Example marketplace</h1>
      <Payouts amount={2500} memo="Your March sales" flowOrigins={localFlowOrigins()} />
    </main>
  );
}
