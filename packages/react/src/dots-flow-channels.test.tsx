import { fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeTimersPerTest, frame, mount, root } from './test-support/dots-flow-mount';
import { count, flush, onlyFlow, postFrom, stateOf } from './test-support/helpers';

fakeTimersPerTest();

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
      for (const [i, channel] of order.entries()) {
        if (channel === 'message') {
          postFrom(win, m.fb.flowOrigin, { step: 'compliance', status: 'completed' });
          postFrom(win, m.fb.flowOrigin, { step: 'payout', status: 'completed' });
          await flush();
        } else if (channel === 'sse') {
          const f = m.fb.flows.get(flow.id)!;
          m.fb.push('flow.updated', JSON.stringify(f));
          await flush();
        } else {
          await flush(30_000);
        }
        // The first channel alone completes the flow: each one really works on its own.
        if (i === 0) expect(m.onComplete, channel).toHaveBeenCalledTimes(1);
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
