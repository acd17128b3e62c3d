// The broker-contract suite (written once, beside the broker's test support) against this
// fake: the same cases the real broker passes over the sandbox, so the fake cannot drift.
import { describeBrokerContract } from '../../../broker/src/test-support/broker-contract/index';
import { createFakeBroker } from './fake-broker';

describeBrokerContract('fake broker of @dotskit/react/testing', async () => {
  const fb = createFakeBroker();
  const linkUser = async (principal: string) => {
    if (!fb.wallets.has(principal)) fb.setWallet({}, { principal });
  };
  return {
    target: {
      url: fb.url,
      fetch: fb.fetch,
      flowOrigin: fb.flowOrigin,
      token: async (principal, scopes) => fb.tokenFor(principal, scopes ? { scopes } : {}),
      linkUser,
      async fund(principal, cents) {
        await linkUser(principal);
        return fb.fund(cents, { principal }).id;
      },
      async claimPayoutLink(id) {
        fb.setPayoutLinkStatus(id, 'claimed');
      },
      async completeFlow(id) {
        fb.completeFlow(id);
      },
    },
    close: async () => fb.dropStreams(),
  };
});
