// Realistic answers for the test server: the seed's real examples (the full objects), so
// that client tests exercise the same schemas real responses meet.
import * as seed from './seed-examples';

const BY_PATH: [RegExp, unknown][] = [
  [/^\/v2\/flows/, seed.flowRetrieved],
  [/^\/v2\/payout-links/, seed.payoutLinkFull],
  [/^\/v2\/payouts\/send-payout/, seed.payoutLinkFull],
  [/^\/v2\/(transfers|payouts)/, seed.payoutTransfer],
  [/^\/v2\/users/, seed.userCreated],
  [/^\/v2\/payout-batches/, seed.payoutBatch],
  [/^\/v2\/apps/, seed.appCreated],
];

/**
 * The seed's example of the resource a `/v2/...` path returns, with `id` replaced when
 * given. Throws for a path it has no example for (a test must then answer explicitly).
 */
export function resourceFor(path: string, id?: string): Record<string, unknown> {
  const found = BY_PATH.find(([re]) => re.test(path));
  if (!found) throw new Error(`no example resource for ${path}`);
  const example = found[1] as Record<string, unknown>;
  return id === undefined ? { ...example } : { ...example, id };
}
