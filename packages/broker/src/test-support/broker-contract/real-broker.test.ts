import { type AdapterKind, startAdapter } from '../adapters';
import { token } from '../helpers';
import { describeBrokerContract } from './index';

/**
 * The broker-contract suite against the real broker, behind each HTTP adapter, in front of
 * the running sandbox: tokens are real JWTs, users and transfers are made through the
 * server-side API, and payout links are claimed and flows finished through the sandbox's
 * controls (their webhooks then reach the broker, as Dots' would).
 */
for (const kind of ['express', 'fetch'] as AdapterKind[]) {
  describeBrokerContract(`real broker (${kind} adapter, sandbox)`, async () => {
    const stack = await startAdapter(kind);
    const users = new Map<string, string>();
    let phone = 4_155_550_000;
    const principal = (sub: string) => ({ sub, scopes: [] });
    const linkUser = async (sub: string) => {
      if (users.has(sub)) return;
      const user = await stack.api.users.create(principal(sub), {
        first_name: 'Contract',
        last_name: 'Seller',
        email: `${sub}@example.com`,
        country_code: '1',
        phone_number: String(++phone),
      });
      users.set(sub, user.id);
    };
    return {
      target: {
        url: stack.url,
        fetch: globalThis.fetch,
        flowOrigin: stack.sandbox.url,
        token: (sub, scopes) => token(sub, scopes ? { scope: scopes.join(' ') } : {}),
        linkUser,
        async fund(sub, cents) {
          await linkUser(sub);
          const transfer = await stack.api.transfers.create(principal(sub), {
            amount: -cents,
            user_id: users.get(sub)!,
          });
          // Recorded (list, owner, event) before `create` answers; no need to wait for the
          // job queue, which may hold retries of webhooks about transfers that are not ours.
          return transfer.id;
        },
        async claimPayoutLink(id) {
          const res = await fetch(`${stack.sandbox.url}/_sandbox/payout-links/${id}/claim`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          });
          if (!res.ok) throw new Error(`sandbox claim of ${id}: ${res.status} ${await res.text()}`);
        },
        async completeFlow(id) {
          const res = await fetch(`${stack.sandbox.url}/_sandbox/flows/${id}/complete`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          });
          if (!res.ok) throw new Error(`sandbox completion of ${id}: ${res.status}`);
        },
      },
      close: () => stack.close(),
    };
  });
}
