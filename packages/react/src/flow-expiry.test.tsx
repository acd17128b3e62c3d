import { FLOW_LINK_TTL_MS } from '@dotskit/api/wire';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DotsFlow } from './dots-flow';
import { fakeTimersPerTest, frame, mount, root } from './test-support/dots-flow-mount';
import { flush, onlyFlow, setup, stateOf } from './test-support/helpers';
import { createFakeBroker } from './testing';

fakeTimersPerTest();

describe('DotsFlow expiry: only when Dots expires the flow', () => {
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
});
