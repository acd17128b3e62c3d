import type { PayoutLinkRecord } from '../state/types';
import { dollars, esc } from './html';

/**
 * The claim page of a payout link: the amount and memo with a "Claim" link into the
 * link's flow (onboarding, then its steps and the payout), or where the link stands.
 */
export function claimMain(link: PayoutLinkRecord, qs: string): string {
  const title = (t: string) => `<h1 id="flow-title" tabindex="-1">${esc(t)}</h1>`;
  const memo = link.memo ? `<p class="lead">${esc(link.memo)}</p>` : '';
  if (link.status === 'canceled' || link.status === 'expired' || link.status === 'failed') {
    return `${title(`This payment was ${link.status}`)}<p class="lead">Contact the sender if you expected it.</p>`;
  }
  if (link.transfer_id) {
    return `${title(link.paid_out ? 'Paid out' : 'Payout on its way')}<p class="amount">${dollars(link.amount)}</p>${memo}`;
  }
  const action = link.status === 'claimed' ? 'Continue' : 'Claim payment';
  return `${title('You have a payment')}<p class="amount">${dollars(link.amount)}</p>${memo}
<p><a class="button" id="claim" href="/flow/${esc(link.flow_id)}${esc(qs)}">${action}</a></p>`;
}
