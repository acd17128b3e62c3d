// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('server rendering', () => {
  it('imports without window and renders stable placeholders', async () => {
    expect(typeof window).toBe('undefined');
    const { renderToString } = await import('react-dom/server');
    const { DotsProvider, DotsFlow, PayoutLinkButton, PayoutStatus } = await import('./index');
    const { createFakeBroker } = await import('./testing');
    const fb = createFakeBroker();
    const page = () =>
      renderToString(
        <DotsProvider broker={fb.config}>
          <DotsFlow steps={['payout']} />
          <DotsFlow steps={['payout']} flowId="f_1" />
          <PayoutLinkButton amount={100} />
          <PayoutStatus transferId="t_1" />
        </DotsProvider>,
      );
    const html = page();
    expect(html).toContain('data-state="loading"');
    expect(html).toContain('class="dots-flow"');
    expect(html).toContain('Get paid');
    expect(html).not.toContain('<iframe');
    expect(page()).toBe(html); // stable: no random ids or timestamps in the markup
    expect(fb.requests).toHaveLength(0); // nothing is fetched on the server
  });
});
