// @vitest-environment jsdom
import { DotsFlow, DotsProvider } from '@dotskit/react';
import { createFakeBroker, type FakeBroker } from '@dotskit/react/testing';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { printTable } from './lib/table';
import { foreignOrigin, genuine, malformed, oversized } from './lib/widget-message-arbitraries';

// The widget's iframe channel: only messages from the flow's own origin AND its own frame
// count, and even those are hints the broker must confirm. fast-check throws spoofed,
// malformed and oversized `postMessage` data at a mounted <DotsFlow>; the observable state
// (data-state, iframe height, every callback, requests to the broker) must not move.

const RUNS = Number(process.env.HARDENING_WIDGET_RUNS ?? 200);
const rows: Record<string, string | number>[] = [];

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});
afterAll(() => {
  printTable(
    `Widget postMessage fuzzing (issue 8 part 2): ${rows.reduce((n, r) => n + Number(r.cases), 0)} messages`,
    rows,
    'widget-messages',
  );
});

const flush = async (ms = 0) => {
  for (let i = 0; i < 5; i++)
    await act(async () => {
      await vi.advanceTimersByTimeAsync(i === 0 ? ms : 0);
    });
};

interface Mounted {
  fb: FakeBroker;
  root: HTMLElement;
  frame: HTMLIFrameElement;
  calls: Record<string, ReturnType<typeof vi.fn>>;
  /** Observable state; `withRequests` adds the number of requests the broker got. */
  snapshot(withRequests?: boolean): string;
}

async function mount(): Promise<Mounted> {
  const fb = createFakeBroker();
  const calls = {
    onReady: vi.fn(),
    onStepComplete: vi.fn(),
    onComplete: vi.fn(),
    onExit: vi.fn(),
    onError: vi.fn(),
    onUserLinked: vi.fn(),
  };
  const { container } = render(
    <DotsProvider broker={fb.config}>
      <DotsFlow steps={['compliance', 'payout']} {...calls} />
    </DotsProvider>,
  );
  await flush();
  const frame = container.querySelector('iframe') as HTMLIFrameElement;
  fireEvent.load(frame);
  await flush();
  const root = container.firstElementChild as HTMLElement;
  return {
    fb,
    root,
    frame,
    calls,
    snapshot: (withRequests = true) =>
      JSON.stringify({
        state: root.getAttribute('data-state'),
        height: (root.querySelector('iframe') as HTMLIFrameElement | null)?.style.height,
        calls: Object.fromEntries(Object.entries(calls).map(([k, f]) => [k, f.mock.calls.length])),
        requests: withRequests ? fb.requests.length : undefined,
        flows: [...fb.flows.values()].map((f) => f.completed_steps),
      }),
  };
}

let undeliverable = 0;

/**
 * Delivers `data` as `postMessage` would: through the structured clone algorithm (no
 * prototypes, no functions). Data a real sender could not post is counted and dropped.
 */
function post(source: Window | null, origin: string, data: unknown) {
  let cloned: unknown;
  try {
    cloned = structuredClone(data);
  } catch {
    undeliverable++;
    return;
  }
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data: cloned, origin, source }));
  });
}

async function property(
  name: string,
  arb: fc.Arbitrary<{
    source: 'frame' | 'window' | 'null' | 'other';
    origin: string;
    data: unknown;
  }>,
  numRuns = RUNS,
) {
  const m = await mount();
  const flowOrigin = m.fb.flowOrigin;
  const before = m.snapshot(false);
  let cases = 0;
  undeliverable = 0;
  await fc.assert(
    fc.asyncProperty(arb, async ({ source, origin, data }) => {
      cases++;
      const other = document.createElement('iframe');
      if (source === 'other') document.body.appendChild(other);
      const win =
        source === 'frame'
          ? m.frame.contentWindow
          : source === 'window'
            ? window
            : source === 'other'
              ? other.contentWindow
              : null;
      const requestsBefore = m.fb.requests.length;
      post(win, origin === 'flow' ? flowOrigin : origin, data);
      await flush();
      // Nothing at once: no state change and no request made because of the message…
      expect(m.fb.requests.length).toBe(requestsBefore);
      // …nor once deferred updates (animation frame, debounce) have had 20 ms to land.
      // (The widget's own polling may make requests in that time, so they are not compared.)
      await flush(20);
      other.remove();
      expect(m.snapshot(false)).toBe(before);
    }),
    { numRuns, endOnFailure: true },
  );
  rows.push({
    property: name,
    cases,
    'not cloneable (a browser could not send them)': undeliverable,
    'state before': JSON.parse(before).state,
    'state after': m.root.getAttribute('data-state') ?? '',
  });
}

describe('DotsFlow ignores what does not come from its own flow page', () => {
  it('genuine-looking messages from a foreign origin (even via the frame): no change', async () => {
    await property(
      'spoofed origin, genuine data',
      fc.record({
        source: fc.constantFrom('frame' as const, 'window' as const, 'other' as const),
        origin: foreignOrigin,
        data: genuine,
      }),
    );
  });

  it('genuine-looking messages from the right origin but another window: no change', async () => {
    await property(
      'right origin, wrong source (window, other frame, null)',
      fc.record({
        source: fc.constantFrom('window' as const, 'other' as const, 'null' as const),
        origin: fc.constant('flow'),
        data: genuine,
      }),
    );
  });

  it('malformed data from the flow’s own frame and origin: no change', async () => {
    await property(
      'malformed data from the real frame',
      fc.record({
        source: fc.constant('frame' as const),
        origin: fc.constant('flow'),
        data: malformed,
      }),
    );
  });

  it('oversized data from the flow’s own frame and origin: no change', async () => {
    await property(
      'oversized data (1-4 MB strings, 20k arrays, 10k-deep objects) from the real frame',
      fc.record({
        source: fc.constant('frame' as const),
        origin: fc.constant('flow'),
        data: oversized,
      }),
      Math.max(10, Math.floor(RUNS / 10)),
    );
  });

  it('a genuine step message the broker does not confirm is only a hint: never onComplete', async () => {
    const m = await mount();
    const before = JSON.parse(m.snapshot()) as { calls: Record<string, number>; state: string };
    post(m.frame.contentWindow, m.fb.flowOrigin, { step: 'compliance', status: 'completed' });
    post(m.frame.contentWindow, m.fb.flowOrigin, { step: 'payout', status: 'completed' });
    await flush();
    const after = JSON.parse(m.snapshot()) as { calls: Record<string, number>; state: string };
    rows.push({
      property: 'unconfirmed genuine step messages from the real frame',
      cases: 2,
      'state before': before.state,
      'state after': after.state,
    });
    // onStepComplete may fire from the page's message (documented); completion needs the broker.
    expect(after.calls.onComplete).toBe(0);
    // Control: the harness does see a change the real frame is allowed to make.
    post(m.frame.contentWindow, m.fb.flowOrigin, { height: 900 });
    await flush(20);
    expect(m.frame.style.height).toBe('900px');
    expect(after.state).toBe(before.state);
  });
});
