import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DotsFlow } from './dots-flow';
import { fakeTimersPerTest, frame, mount, root } from './test-support/dots-flow-mount';
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

fakeTimersPerTest();

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
