import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DotsProvider } from './provider';
import { count, flush, setup } from './test-support/helpers';
import { createFakeBroker } from './testing';
import { type UseWalletResult, useWallet } from './use-wallet';

/** Renders useWallet's state as data attributes. */
function Probe() {
  const w: UseWalletResult = useWallet();
  return (
    <output
      data-status={w.status}
      data-amount={w.wallet?.amount}
      data-withdrawable={w.wallet?.withdrawable_amount}
    />
  );
}
const out = () => document.querySelector('output')!.dataset;

describe("useWallet and the broker's wallet.updated event", () => {
  it('shows the wallet the event carries, without another read', async () => {
    const fb = createFakeBroker();
    const w = fb.setWallet({ amount: 100, withdrawable_amount: 100 }, { push: false });
    setup(<Probe />, {}, fb);
    await flush();
    expect(out()).toMatchObject({ status: 'ready', amount: '100' });
    // The broker's frame: `event: wallet.updated`, data the same object GET /wallet answers.
    fb.push('wallet.updated', JSON.stringify({ ...w, amount: 2600, withdrawable_amount: 2500 }));
    await flush();
    expect(out()).toMatchObject({ status: 'ready', amount: '2600', withdrawable: '2500' });
    expect(count(fb, 'GET', '/wallet')).toBe(1);
  });

  it('an event fills in a wallet that was empty (no linked user when first read)', async () => {
    const fb = createFakeBroker();
    setup(<Probe />, {}, fb);
    await flush();
    expect(out().status).toBe('empty');
    fb.push(
      'wallet.updated',
      JSON.stringify({ user_id: 'u_1', amount: 5, withdrawable_amount: 5, credit_balance: 0 }),
    );
    await flush();
    expect(out()).toMatchObject({ status: 'ready', amount: '5' });
  });

  it('ignores wallet events that are not a wallet, and other principals never reach it', async () => {
    const fb = createFakeBroker();
    const w = fb.setWallet({ amount: 100 }, { push: false });
    setup(<Probe />, {}, fb);
    await flush();
    fb.push('wallet.updated', 'not json');
    fb.push('wallet.updated', JSON.stringify({ ...w, amount: '9999' }));
    fb.push('wallet.updated', JSON.stringify({ amount: 9999, withdrawable_amount: 0 }));
    fb.push('wallet.updated', JSON.stringify(null));
    fb.push('wallet.updated', JSON.stringify({ ...w, amount: 777 }), { principal: 'mallory' });
    await flush();
    expect(out()).toMatchObject({ status: 'ready', amount: '100' });
  });

  it('a read in flight when an event arrives does not overwrite the newer wallet', async () => {
    const fb = createFakeBroker();
    fb.setWallet({ amount: 100 }, { push: false });
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    // GET /wallet answers the wallet as it was (100), but only after the event came.
    const fetch: typeof fb.fetch = async (input, init) => {
      const res = await fb.fetch(input, init);
      if (String(input).endsWith('/wallet')) await held;
      return res;
    };
    render(
      <DotsProvider broker={{ ...fb.config, fetch }}>
        <Probe />
      </DotsProvider>,
    );
    await flush();
    expect(out().status).toBe('loading');
    const w = fb.wallets.get(fb.principal)!;
    fb.push('wallet.updated', JSON.stringify({ ...w, amount: 4200 }));
    await flush();
    expect(out().amount).toBe('4200');
    release();
    await flush();
    expect(out()).toMatchObject({ status: 'ready', amount: '4200' });
  });

  it('funding through the fake broker updates the wallet live', async () => {
    const fb = createFakeBroker();
    fb.setWallet({}, { push: false });
    setup(<Probe />, {}, fb);
    await flush();
    fb.fund(2500);
    await flush();
    expect(out()).toMatchObject({ status: 'ready', amount: '2500' });
    expect(count(fb, 'GET', '/wallet')).toBe(1);
  });
});
