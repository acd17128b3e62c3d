import type { SandboxEngine } from '../state/engine';
import type { FlowRecord } from '../state/types';
import { dollars, esc } from './html';

const METHOD_NAMES: Record<string, string> = {
  paypal: 'PayPal',
  venmo: 'Venmo',
  ach: 'Bank account (ACH)',
};

/**
 * The user's dashboard that a finished flow's "Go to dashboard" opens (Dots sends people to
 * their Dots account): wallet balance, connected payout methods and their last transfers.
 * Read-only. A flow without a user shows a sign-in hint instead.
 */
export function dashboardMain(engine: SandboxEngine, flow: FlowRecord, qs: string): string {
  const heading = '<h1 id="flow-title" tabindex="-1">Your Dots dashboard</h1>';
  const user = flow.user_id ? engine.store.users.get(flow.user_id) : undefined;
  if (!user)
    return `${heading}<p class="lead">Sign in first: <a href="/flow/${esc(flow.id)}${esc(qs)}">continue the flow</a>.</p>`;
  const methods = user.payout_methods.map(
    (m) =>
      `<li>${esc(METHOD_NAMES[m.platform] ?? m.platform)}: ${esc(m.email ?? m.phone_number ?? `•••• ${m.mask ?? ''}`)}${m.platform === user.default_payout_method ? ' (default)' : ''}</li>`,
  );
  const transfers = [...engine.store.transfers.values()]
    .filter((t) => t.user_id === user.id)
    .slice(-5)
    .reverse()
    .map((t) => `<li>${esc(t.type)} ${dollars(Math.abs(t.amount))}: ${esc(t.status)}</li>`);
  const list = (items: string[], empty: string) =>
    items.length > 0 ? `<ul>${items.join('')}</ul>` : `<p>${empty}</p>`;
  return `${heading}
<p class="lead">${esc(user.first_name)} ${esc(user.last_name)}</p>
<h2>Wallet</h2><p class="amount">${dollars(user.wallet)}</p>
<h2>Payout methods</h2>${list(methods, 'None connected yet.')}
<h2>Recent transfers</h2>${list(transfers, 'No transfers yet.')}`;
}
