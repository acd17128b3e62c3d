import { BrokerError } from '../errors';
import type { Caller } from './context';

/**
 * The one payout-cap rule. The cap is the principal's `maxPayoutCents`; for a browser
 * request without one, the broker's `browserMaxPayoutCents`. A browser request that moves
 * money with no cap at all is refused (`payout_cap_required`): a token without the claim
 * must not be able to empty the app's wallet. Server-side calls without a cap are the
 * host's own decision and pass.
 */
export function checkPayoutCap(
  caller: Caller,
  amounts: readonly number[],
  browserDefaultCap: number | undefined,
): void {
  if (amounts.length === 0) return;
  const cap =
    caller.principal.maxPayoutCents ?? (caller.via === 'browser' ? browserDefaultCap : undefined);
  if (cap === undefined) {
    if (caller.via === 'server') return;
    throw new BrokerError({
      code: 'payout_cap_required',
      message:
        'Payouts from the browser need a cap: issue tokens with a `max_payout_cents` claim, or set the broker option `browserMaxPayoutCents`.',
    });
  }
  for (const amount of amounts) {
    if (Math.abs(amount) > cap) {
      throw new BrokerError({
        code: 'limit_exceeded',
        message: `The amount exceeds this user's limit of ${cap} cents.`,
        details: {
          max_payout_cents: cap,
          amount,
        },
      });
    }
  }
}
