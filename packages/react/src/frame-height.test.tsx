import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DotsFlow } from './dots-flow';
import { PayoutLinkButton } from './payout-link-button';
import { flush, postFrom, setup } from './test-support/helpers';

// The frame never clips: small while its page loads (so the page measures its content,
// not our frame), then the height of every {height} message, else the `height` prop —
// and a page taller than its frame scrolls inside it.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const frame = () => document.querySelector('iframe')!;

describe('flow frame height', () => {
  it('is 240 px while loading, then the height prop, then each height the page reports', async () => {
    const r = setup(<DotsFlow steps={['payout']} height={640} />);
    await flush();
    expect(frame().style.height).toBe('240px');
    fireEvent.load(frame());
    expect(frame().style.height).toBe('640px');
    for (const h of [520, 910, 380]) {
      postFrom(frame().contentWindow, r.fb.flowOrigin, { height: h });
      expect(frame().style.height).toBe(`${h}px`);
    }
  });

  it('scrolls rather than clips: the frame never gets scrolling="no" (see styles.test.ts)', async () => {
    setup(<DotsFlow steps={['payout']} />);
    await flush();
    expect(frame().getAttribute('scrolling')).toBeNull();
  });
});

describe('payout modal frame height', () => {
  it('fits the page: small until it reports, then every reported height', async () => {
    const r = setup(<PayoutLinkButton amount={100} />);
    fireEvent.click(screen.getByRole('button', { name: 'Get paid' }));
    await flush();
    expect(frame().style.height).toBe('240px');
    // The claim page, then the flow page it leads to, each report their height on load.
    postFrom(frame().contentWindow, r.fb.flowOrigin, { height: 388 });
    expect(frame().style.height).toBe('388px');
    postFrom(frame().contentWindow, r.fb.flowOrigin, { height: 702 });
    expect(frame().style.height).toBe('702px');
    // Only from its own frame and origin.
    postFrom(window, r.fb.flowOrigin, { height: 1500 });
    postFrom(frame().contentWindow, 'https://evil.example', { height: 1500 });
    expect(frame().style.height).toBe('702px');
  });
});
