// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('server rendering', () => {
  it('imports without window and renders stable placeholders', async () => {
    expect(typeof window).toBe('undefined');
    const { renderToString } = await import('react-dom/server');
    const { DotsProvider, DotsFlow, PayoutHistory, PayoutLinkButton, PayoutStatus, WalletBalance } =
      await import('./index');
    const { createFakeBroker } = await import('./testing');
    const fb = createFakeBroker();
    const page = () =>
      renderToString(
        <DotsProvider broker={fb.config}>
          <DotsFlow steps={['payout']} />
          <DotsFlow steps={['payout']} flowId="f_1" />
          <PayoutLinkButton amount={100} />
          <PayoutStatus transferId="t_1" />
          <PayoutHistory />
          <WalletBalance withdraw />
        </DotsProvider>,
      );
    const html = page();
    expect(html).toContain('data-state="loading"');
    expect(html).toContain('class="dots-flow"');
    expect(html).toContain('Get paid');
    expect(html).not.toContain('<iframe');
    expect(html).toContain('<caption>Transfers</caption>');
    expect(html).toContain('class="dots-wallet" data-state="loading"');
    expect(page()).toBe(html); // stable: no random ids or timestamps in the markup
    expect(fb.requests).toHaveLength(0); // nothing is fetched on the server
  });
});
