import { FLOW_LINK_TTL_MS } from '@dotskit/api/wire';
import { act, fireEvent, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DotsFlow, type DotsFlowProps } from './dots-flow';
import {
  count,
  flush,
  listenerCounter,
  onlyFlow,
  postFrom,
  setup,
  stateOf,
} from './test-support/helpers';
import { createFakeBroker } from './testing';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const frame = () => document.querySelector('iframe');
const root = (c: HTMLElement) => c.firstElementChild;

function mount(props: Partial<DotsFlowProps> = {}, opts: { strict?: boolean } = {}) {
  const cbs = {
    onReady: vi.fn(),
    onStepComplete: vi.fn(),
    onComplete: vi.fn(),
    onExit: vi.fn(),
    onError: vi.fn(),
    onUserLinked: vi.fn(),
  };
  const el = <DotsFlow steps={['compliance', 'payout']} {...cbs} {...props} />;
  const r = setup(opts.strict ? <StrictMode>{el}</StrictMode> : el);
  return { ...r, ...cbs };
}

describe('DotsFlow states', () => {
  it('loading → ready → each step → complete, with callbacks once each', async () => {
    const m = mount();
    expect(stateOf(root(m.container))).toBe('loading');
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    await flush();
    const flow = onlyFlow(m.fb);
    expect(frame()!.getAttribute('src')).toBe(flow.link);
    expect(frame()!.title).toBe('Dots payouts');
    expect(stateOf(root(m.container))).toBe('loading');
    fireEvent.load(frame()!);
    expect(stateOf(root(m.container))).toBe('ready');
    expect(m.onReady).toHaveBeenCalledTimes(1);

    m.fb.completeStep(flow.id, 'compliance');
    await flush();
    expect(m.onStepComplete).toHaveBeenCalledTimes(1);
    expect(m.onStepComplete.mock.calls[0]![0]).toMatchObject({
      step: 'compliance',
      status: 'completed',
    });
    expect(m.onComplete).not.toHaveBeenCalled();

    m.fb.completeFlow(flow.id);
    await flush();
    expect(m.onStepComplete).toHaveBeenCalledTimes(2);
    expect(m.onComplete).toHaveBeenCalledTimes(1);
    expect(m.onComplete.mock.calls[0]![0].completed_steps).toEqual(['compliance', 'payout']);
    expect(m.onUserLinked).toHaveBeenCalledTimes(1);
    expect(stateOf(root(m.container))).toBe('complete');
    expect(screen.getByText('All done.')).toBeTruthy();
    expect(frame()).toBeNull();
    expect(m.onExit).not.toHaveBeenCalled();
    expect(m.onError).not.toHaveBeenCalled();
  });

  it('becomes ready on the first {height} message and resizes with a minimum', async () => {
    const m = mount();
    await flush();
    postFrom(frame()!.contentWindow, m.fb.flowOrigin, { height: 812 });
    expect(stateOf(root(m.container))).toBe('ready');
    expect(frame()!.style.height).toBe('812px');
    postFrom(frame()!.contentWindow, m.fb.flowOrigin, { height: 3 });
    expect(frame()!.style.height).toBe('240px');
    expect(m.onReady).toHaveBeenCalledTimes(1);
  });

  it('error → retry reuses the idempotency key and recovers', async () => {
    const fb = createFakeBroker();
    fb.failNext({ method: 'POST', path: '/flows' }, 503, 'upstream_unavailable');
    const onError = vi.fn();
    const r = setup(<DotsFlow steps={['payout']} onError={onError} />, {}, fb);
    await flush();
    expect(stateOf(root(r.container))).toBe('error');
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong.');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'upstream_unavailable', status: 503 });
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await flush();
    expect(stateOf(root(r.container))).toBe('loading');
    expect(frame()).not.toBeNull();
    const keys = fb.requests
      .filter((q) => q.path === '/flows')
      .map((q) => (q.body as { idempotency_key: string }).idempotency_key);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a flow created with a user_id (a returning seller) expires 15 minutes after creation and offers a fresh flow', async () => {
    const fb = createFakeBroker();
    fb.setWallet({}, { push: false }); // the principal has a Dots user: flows carry user_id
    const onError = vi.fn();
    const r = setup(<DotsFlow steps={['payout']} onError={onError} />, {}, fb);
    await flush();
    const first = onlyFlow(fb);
    expect(first.user_id).toEqual(expect.any(String));
    fireEvent.load(frame()!);
    await flush(FLOW_LINK_TTL_MS - 1000);
    expect(stateOf(root(r.container))).toBe('ready');
    await flush(1000);
    expect(stateOf(root(r.container))).toBe('expired');
    expect(frame()).toBeNull();
    expect(screen.getByText('Session expired.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start again' }));
    await flush();
    expect(fb.flows.size).toBe(2);
    const second = [...fb.flows.values()].find((f) => f.id !== first.id)!;
    expect(frame()!.getAttribute('src')).toBe(second.link);
    expect(stateOf(root(r.container))).toBe('loading');
    // The fresh flow has its own 15 minutes.
    fireEvent.load(frame()!);
    await flush(FLOW_LINK_TTL_MS - 1000);
    expect(stateOf(root(r.container))).toBe('ready');
    await flush(1000);
    expect(stateOf(root(r.container))).toBe('expired');
    expect(onError).not.toHaveBeenCalled();
  });

  it('a first-time seller (flow created without a user_id) taking 20 minutes does not see "Session expired"', async () => {
    vi.setSystemTime(new Date('2026-12-02T09:00:00Z'));
    const m = mount();
    await flush();
    const flow = onlyFlow(m.fb);
    expect(flow.user_id).toBeNull();
    fireEvent.load(frame()!);
    // Sign-in and compliance take 16 minutes; the flow gains a user_id on the way.
    await flush(16 * 60_000);
    flow.user_id = 'u_signed_in';
    m.fb.completeStep(flow.id, 'compliance');
    await flush();
    expect(m.onUserLinked).toHaveBeenCalledWith('u_signed_in', expect.anything());
    await flush(4 * 60_000);
    expect(Date.now() - Date.parse('2026-12-02T09:00:00Z')).toBeGreaterThanOrEqual(20 * 60_000);
    expect(stateOf(root(m.container))).toBe('ready');
    expect(screen.queryByText('Session expired.')).toBeNull();
    expect(frame()).not.toBeNull();
    m.fb.completeFlow(flow.id);
    await flush();
    expect(stateOf(root(m.container))).toBe('complete');
    expect(m.onComplete).toHaveBeenCalledTimes(1);
  });

  it('a resumed flowId created long ago is not expired (whether it had a user_id at creation is unknown)', async () => {
    const fb = createFakeBroker();
    fb.setWallet({}, { push: false });
    const created = await (
      await fb.fetch(`${fb.url}/flows`, {
        method: 'POST',
        headers: { authorization: 'Bearer token-1' },
        body: JSON.stringify({ steps: ['payout'] }),
      })
    ).json();
    vi.setSystemTime(Date.now() + 20 * 60_000);
    const r = setup(<DotsFlow steps={[]} flowId={created.id} />, {}, fb);
    await flush();
    fireEvent.load(frame()!);
    await flush(30 * 60_000);
    expect(stateOf(root(r.container))).toBe('ready');
  });

  it('exit: Cancel leaves, onExit once, Start again makes a new flow', async () => {
    const m = mount();
    await flush();
    fireEvent.load(frame()!);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(stateOf(root(m.container))).toBe('exited');
    expect(m.onExit).toHaveBeenCalledTimes(1);
    expect(m.onExit.mock.calls[0]![0]).toMatchObject({ completedSteps: [] });
    expect(frame()).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Start again' }));
    await flush();
    expect(m.fb.flows.size).toBe(2);
    expect(frame()).not.toBeNull();
  });

  it('resumes an existing flowId without creating one', async () => {
    const fb = createFakeBroker();
    const existing = await (
      await fb.fetch(`${fb.url}/flows`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fb.getToken({ refresh: false })}` },
        body: JSON.stringify({ steps: ['manage-payouts'] }),
      })
    ).json();
    fb.requests.length = 0;
    const r = setup(<DotsFlow steps={['manage-payouts']} flowId={existing.id} />, {}, fb);
    await flush();
    expect(count(fb, 'POST', '/flows')).toBe(0);
    expect(count(fb, 'GET', `/flows/${existing.id}`)).toBe(1);
    expect(frame()!.getAttribute('src')).toBe(existing.link);
    expect(stateOf(root(r.container))).toBe('loading');
  });

  it('an unknown flowId is an error with retry', async () => {
    const onError = vi.fn();
    const r = setup(<DotsFlow steps={['payout']} flowId="nope" onError={onError} />);
    await flush();
    expect(stateOf(root(r.container))).toBe('error');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0].code).toBe('not_found');
  });

  it('passes appearance to the flow as ?styles= and sets CSS variables', async () => {
    const appearance = { theme: 'dark' as const, variables: { primaryColor: '#ff0000' } };
    const r = setup(<DotsFlow steps={['payout']} className="mine" style={{ margin: 3 }} />, {
      appearance,
    });
    await flush();
    const src = new URL(frame()!.getAttribute('src')!);
    expect(JSON.parse(src.searchParams.get('styles')!)).toEqual(appearance);
    const el = root(r.container) as HTMLElement;
    expect(el.className).toBe('dots-flow mine');
    expect(el.style.getPropertyValue('--dots-primaryColor')).toBe('#ff0000');
    expect(el.style.margin).toBe('3px');
  });

  it('unstyled drops our class names but keeps data-state', async () => {
    const r = setup(<DotsFlow steps={['payout']} unstyled />);
    await flush();
    expect(r.container.querySelector('[class^="dots-"]')).toBeNull();
    expect(stateOf(root(r.container))).toBe('loading');
  });
});

describe('DotsFlow completion channels', () => {
  const orders = [
    ['message', 'sse', 'poll'],
    ['message', 'poll', 'sse'],
    ['sse', 'message', 'poll'],
    ['sse', 'poll', 'message'],
    ['poll', 'message', 'sse'],
    ['poll', 'sse', 'message'],
  ] as const;

  for (const order of orders) {
    it(`fires each callback once when completion arrives by ${order.join(' → ')}`, async () => {
      const m = mount();
      await flush();
      const flow = onlyFlow(m.fb);
      fireEvent.load(frame()!);
      const win = frame()!.contentWindow;
      m.fb.completeFlow(flow.id, { push: false });
      for (const channel of order) {
        if (channel === 'message') {
          postFrom(win, m.fb.flowOrigin, { step: 'compliance', status: 'completed' });
          postFrom(win, m.fb.flowOrigin, { step: 'payout', status: 'completed' });
          await flush();
        } else if (channel === 'sse') {
          const f = m.fb.flows.get(flow.id)!;
          m.fb.push(
            'flow.updated',
            JSON.stringify({ type: 'flow.updated', resource_id: f.id, resource: f }),
          );
          await flush();
        } else {
          await flush(30_000);
        }
      }
      await flush(60_000);
      expect(m.onStepComplete).toHaveBeenCalledTimes(2);
      expect(m.onComplete).toHaveBeenCalledTimes(1);
      expect(stateOf(root(m.container))).toBe('complete');
    });
  }

  it('a step message alone never completes the flow (broker confirmation needed)', async () => {
    const m = mount();
    await flush();
    const win = frame()!.contentWindow;
    postFrom(win, m.fb.flowOrigin, { step: 'compliance', status: 'completed' });
    postFrom(win, m.fb.flowOrigin, { step: 'payout', status: 'completed-saved' });
    await flush(60_000);
    expect(m.onStepComplete).toHaveBeenCalledTimes(2);
    expect(m.onStepComplete.mock.calls[1]![0]).toEqual({
      step: 'payout',
      status: 'completed-saved',
    });
    expect(m.onComplete).not.toHaveBeenCalled();
    expect(stateOf(root(m.container))).toBe('loading');
  });

  it('a step message makes the widget ask the broker at once', async () => {
    const m = mount();
    await flush();
    const flow = onlyFlow(m.fb);
    const before = count(m.fb, 'GET', `/flows/${flow.id}`);
    m.fb.completeFlow(flow.id, { push: false });
    postFrom(frame()!.contentWindow, m.fb.flowOrigin, { step: 'payout', status: 'completed' });
    await flush();
    expect(count(m.fb, 'GET', `/flows/${flow.id}`)).toBe(before + 1);
    expect(m.onComplete).toHaveBeenCalledTimes(1);
  });

  it('ignores messages from a foreign origin, another frame, or with bad data', async () => {
    const m = mount();
    await flush();
    const win = frame()!.contentWindow;
    const other = document.createElement('iframe');
    document.body.append(other);
    postFrom(win, 'https://evil.test', { step: 'payout', status: 'completed' });
    postFrom(win, 'https://flows.test.evil.test', { step: 'payout', status: 'completed' });
    postFrom(other.contentWindow, m.fb.flowOrigin, { step: 'payout', status: 'completed' });
    postFrom(window, m.fb.flowOrigin, { step: 'payout', status: 'completed' });
    postFrom(null, m.fb.flowOrigin, { step: 'payout', status: 'completed' });
    for (const data of [
      null,
      'garbage',
      JSON.stringify({ step: 'payout', status: 'completed' }),
      { step: 'payout' },
      { step: 'payout', status: 'done' },
      { step: 42, status: 'completed' },
      { step: 'x'.repeat(10_000), status: 'completed' },
      { step: '<img src=x>', status: 'completed' },
      { height: 'tall' },
      { height: Number.NaN },
      { height: -5 },
    ])
      postFrom(win, m.fb.flowOrigin, data);
    await flush();
    other.remove();
    expect(m.onStepComplete).not.toHaveBeenCalled();
    expect(m.onReady).not.toHaveBeenCalled();
    expect(stateOf(root(m.container))).toBe('loading');
  });

  it('completes from a bare-resource SSE event too (event: line names the type)', async () => {
    const m = mount();
    await flush();
    const flow = onlyFlow(m.fb);
    m.fb.completeFlow(flow.id, { push: false });
    m.fb.push('flow.updated', JSON.stringify(m.fb.flows.get(flow.id)));
    await flush();
    expect(m.onComplete).toHaveBeenCalledTimes(1);
  });

  it('ignores malformed or spoofed SSE events', async () => {
    const m = mount();
    await flush();
    const flow = onlyFlow(m.fb);
    const done = { ...flow, completed_steps: ['compliance', 'payout'] };
    m.fb.push('flow.updated', 'not json');
    m.fb.push('flow.hacked', JSON.stringify(done)); // not a broker event type
    m.fb.push('message', JSON.stringify(done)); // no event: line
    m.fb.push('flow.updated', JSON.stringify({ ...done, id: 7 })); // no string id
    m.fb.push('flow.updated', JSON.stringify(JSON.stringify(done))); // not an object
    m.fb.push('flow.updated', JSON.stringify({ ...done, id: 'other' })); // another flow
    await flush();
    expect(m.onStepComplete).not.toHaveBeenCalled();
    expect(m.onComplete).not.toHaveBeenCalled();
    m.fb.push('flow.updated', JSON.stringify(done)); // the broker's frame: the bare flow
    await flush();
    expect(m.onComplete).toHaveBeenCalledTimes(1);
  });
});

describe('DotsFlow lifecycle', () => {
  it('StrictMode creates exactly one flow', async () => {
    const m = mount({}, { strict: true });
    await flush();
    expect(count(m.fb, 'POST', '/flows')).toBe(1);
    expect(m.fb.flows.size).toBe(1);
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
    fireEvent.load(frame()!);
    m.fb.completeFlow(onlyFlow(m.fb).id);
    await flush();
    expect(m.onComplete).toHaveBeenCalledTimes(1);
    expect(m.onReady).toHaveBeenCalledTimes(1);
  });

  it('two flows on one page share one event stream; unmount leaves nothing behind', async () => {
    const win = listenerCounter(window);
    const doc = listenerCounter(document);
    const m = setup(
      <>
        <DotsFlow steps={['payout']} />
        <DotsFlow steps={['compliance']} />
      </>,
    );
    await flush();
    expect(m.fb.flows.size).toBe(2);
    expect(m.fb.openStreams).toBe(1);
    expect(win.counts.message).toBe(2);
    expect(doc.counts.visibilitychange).toBe(2);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    m.unmount();
    await flush();
    expect(m.fb.openStreams).toBe(0);
    expect(win.counts.message).toBe(0);
    expect(doc.counts.visibilitychange).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
    const requests = m.fb.requests.length;
    await flush(120_000);
    expect(m.fb.requests.length).toBe(requests);
    win.restore();
    doc.restore();
  });

  it('unmounting while the flow is being created cancels nothing but leaves nothing', async () => {
    const m = mount();
    m.unmount();
    await flush(60_000);
    expect(m.fb.openStreams).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(m.onComplete).not.toHaveBeenCalled();
  });

  it('pauses polling while the tab is hidden and resumes when shown', async () => {
    const m = mount();
    await flush();
    const flow = onlyFlow(m.fb);
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    const before = count(m.fb, 'GET', `/flows/${flow.id}`);
    await flush(120_000);
    expect(count(m.fb, 'GET', `/flows/${flow.id}`)).toBe(before);
    hidden.mockReturnValue(false);
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    await flush();
    expect(count(m.fb, 'GET', `/flows/${flow.id}`)).toBe(before + 1);
  });

  it('polls with growing backoff', async () => {
    const m = mount();
    await flush();
    const id = onlyFlow(m.fb).id;
    const polls = () => count(m.fb, 'GET', `/flows/${id}`);
    const start = polls();
    await flush(1900);
    expect(polls()).toBe(start);
    await flush(100);
    expect(polls()).toBe(start + 1);
    await flush(3100);
    expect(polls()).toBe(start + 1);
    await flush(100);
    expect(polls()).toBe(start + 2);
    await flush(60_000);
    // 2 s × 1.6ⁿ capped at 30 s: far fewer than one poll per 2 s.
    expect(polls()).toBeLessThan(start + 8);
  });
});
