import { render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { contrastRatio, contrastWarnings } from './contrast';
import { DotsFlow } from './dots-flow';
import { PayoutStatus } from './payout-status';
import { DotsProvider } from './provider';
import { flush } from './test-support/helpers';
import { createFakeBroker } from './testing';
import { useDotsFlow } from './use-dots-flow';
import { usePayoutLink } from './use-payout-link';
import { usePayoutStatus } from './use-payout-status';
import { useWallet } from './use-wallet';

afterEach(() => vi.restoreAllMocks());

// React reports render errors on window too; keep the expected ones out of the output.
const quiet = (e: ErrorEvent) => e.preventDefault();
beforeAll(() => window.addEventListener('error', quiet));
afterAll(() => window.removeEventListener('error', quiet));

/** What `fn` threw: a TypeError whose message is `message`, else the test fails. */
function expectTypeError(fn: () => unknown, message: string) {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(TypeError);
  expect((thrown as TypeError).message).toBe(message);
}

function Hook({ use }: { use: () => unknown }) {
  use();
  return null;
}

describe('DotsProvider', () => {
  it('components and hooks outside a provider throw a [dotskit] TypeError naming the fix', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expectTypeError(
      () => render(<Hook use={() => useWallet()} />),
      '[dotskit] useWallet must be used inside <DotsProvider broker={{ url, getToken }}>.',
    );
    expect(() => render(<DotsFlow steps={['payout']} />)).toThrow(
      /<DotsFlow> must be used inside <DotsProvider broker=\{\{ url, getToken \}\}>/,
    );
    expect(() => render(<Hook use={() => useDotsFlow({ steps: ['payout'] })} />)).toThrow(
      /useDotsFlow must be used inside <DotsProvider/,
    );
    expect(() => render(<Hook use={() => usePayoutLink({ amount: 1 })} />)).toThrow(
      /usePayoutLink must be used inside/,
    );
    expect(() => render(<Hook use={() => usePayoutStatus({ transferId: 't' })} />)).toThrow(
      /usePayoutStatus must be used inside/,
    );
  });

  it('a provider without a usable broker throws a [dotskit] TypeError at once', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expectTypeError(
      // @ts-expect-error: deliberately wrong
      () => render(<DotsProvider broker={{ url: '/dots' }} />),
      '[dotskit] <DotsProvider broker={{ url, getToken }}>: broker is missing or incomplete.',
    );
  });

  it('usePayoutStatus without an id is a [dotskit] TypeError', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const fb = createFakeBroker();
    expectTypeError(
      () =>
        render(
          <DotsProvider broker={fb.config}>
            <Hook use={() => usePayoutStatus({ transferId: '' })} />
          </DotsProvider>,
        ),
      '[dotskit] usePayoutStatus needs one of payoutLinkId, transferId, flowId or payoutBatchId.',
    );
  });

  it('two providers never share state', async () => {
    const a = createFakeBroker();
    const b = createFakeBroker();
    const t = a.createTransfer({ status: 'completed' });
    b.transfers.set(t.id, { ...t, status: 'pending' });
    render(
      <>
        <DotsProvider broker={a.config}>
          <PayoutStatus transferId={t.id} />
        </DotsProvider>
        <DotsProvider broker={b.config}>
          <PayoutStatus transferId={t.id} />
        </DotsProvider>
      </>,
    );
    await flush();
    const states = [...document.querySelectorAll('.dots-status')].map((e) =>
      e.getAttribute('data-state'),
    );
    expect(states).toEqual(['completed', 'pending']);
    expect(a.openStreams + b.openStreams).toBe(1); // the completed one stopped following
  });

  it('warns in development when appearance colours fail WCAG AA, once per warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fb = createFakeBroker();
    const appearance = {
      variables: {
        primaryTextColor: '#777777',
        backgroundColor: '#888888',
        buttonTextColor: '#fff',
        buttonBackgroundColor: '#1d4ed8',
      },
    };
    const r = render(
      <DotsProvider broker={fb.config} appearance={appearance}>
        <span>x</span>
      </DotsProvider>,
    );
    r.rerender(
      <DotsProvider broker={fb.config} appearance={{ ...appearance }}>
        <span>x</span>
      </DotsProvider>,
    );
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(
      /^\[dotskit\] appearance: primaryTextColor on backgroundColor/,
    );
    expect(screen.getByText('x')).toBeTruthy();
  });

  it('contrast maths matches WCAG', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('rgb(255, 255, 255)', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('red', '#fff')).toBeNull();
    expect(
      contrastWarnings({
        variables: { buttonTextColor: '#ffffff', buttonBackgroundColor: '#2563eb' },
      }),
    ).toEqual([]);
  });
});
