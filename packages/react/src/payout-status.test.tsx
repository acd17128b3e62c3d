import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PayoutStatus } from './payout-status';
import { count, flush, setup, stateOf } from './test-support/helpers';
import { createFakeBroker } from './testing';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const root = (c: HTMLElement) => c.firstElementChild as HTMLElement;
const live = () => screen.getByRole('status');

describe('PayoutStatus', () => {
  it('follows a transfer: loading → pending → completed, amount in Intl currency', async () => {
    const fb = createFakeBroker();
    const t = fb.createTransfer({ amount: -123456, status: 'created' });
    const onChange = vi.fn();
    const r = setup(<PayoutStatus transferId={t.id} locale="en-US" onChange={onChange} />, {}, fb);
    expect(stateOf(root(r.container))).toBe('loading');
    expect(live().textContent).toBe('');
    await flush();
    expect(stateOf(root(r.container))).toBe('created');
    expect(root(r.container).textContent).toContain('$1,234.56');
    expect(root(r.container).getAttribute('data-tone')).toBe('pending');
    expect(live().textContent).toBe('Payout status: Created');
    fb.setTransferStatus(t.id, 'pending');
    await flush();
    expect(live().textContent).toBe('Payout status: Pending');
    fb.setTransferStatus(t.id, 'completed');
    await flush();
    expect(stateOf(root(r.container))).toBe('completed');
    expect(root(r.container).getAttribute('data-tone')).toBe('success');
    expect(live().textContent).toBe('Payout status: Completed');
    expect(onChange.mock.calls.map((c) => c[0])).toEqual(['created', 'pending', 'completed']);
    const items = [...root(r.container).querySelectorAll('li')];
    expect(items.map((li) => li.textContent)).toEqual(['Created', 'Pending', 'Completed']);
    expect(items.every((li) => li.hasAttribute('data-done'))).toBe(true);
  });

  it('announces each change once (same status pushed twice is not a change)', async () => {
    const fb = createFakeBroker();
    const t = fb.createTransfer({ status: 'pending' });
    const onChange = vi.fn();
    setup(<PayoutStatus transferId={t.id} onChange={onChange} />, {}, fb);
    await flush();
    fb.setTransferStatus(t.id, 'pending');
    fb.setTransferStatus(t.id, 'pending');
    await flush();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(live().getAttribute('aria-live')).toBe('polite');
  });

  it('distinct failure terminal state for a payout link', async () => {
    const fb = createFakeBroker();
    const [, link] = await createLink(fb, { delivery: { method: 'email' } });
    const r = setup(<PayoutStatus payoutLinkId={link.id} />, {}, fb);
    await flush();
    expect(stateOf(root(r.container))).toBe('delivery_pending');
    fb.setPayoutLinkStatus(link.id, 'sent');
    await flush();
    const current = root(r.container).querySelector('[aria-current]');
    expect(current!.textContent).toBe('Sent');
    fb.setPayoutLinkStatus(link.id, 'expired');
    await flush();
    expect(root(r.container).getAttribute('data-tone')).toBe('failure');
    expect(live().textContent).toBe('Payout status: Expired');
    const n = fb.requests.length;
    vi.useFakeTimers();
    await flush(120_000);
    expect(fb.requests.length).toBe(n); // terminal: polling stopped
  });

  it('a payout link is followed to its transfer: Claimed, then Paid out (terminal)', async () => {
    const fb = createFakeBroker();
    const [, link] = await createLink(fb);
    const onChange = vi.fn();
    const r = setup(<PayoutStatus payoutLinkId={link.id} onChange={onChange} />, {}, fb);
    await flush();
    const items = () =>
      [...root(r.container).querySelectorAll('li')].map(
        (li) => `${li.textContent}${li.hasAttribute('data-done') ? ' ✓' : ''}`,
      );
    // Delivered as a link (not sms/email): no delivery stages, nothing ticked that did not happen.
    expect(items()).toEqual(['Created', 'Claimed', 'Paid out']);
    fb.setPayoutLinkStatus(link.id, 'claimed');
    await flush();
    expect(root(r.container).getAttribute('data-tone')).toBe('pending');
    expect(items()).toEqual(['Created ✓', 'Claimed', 'Paid out']);
    fb.payOut(link.id);
    await flush();
    expect(stateOf(root(r.container))).toBe('paid_out');
    expect(root(r.container).getAttribute('data-tone')).toBe('success');
    expect(live().textContent).toBe('Payout status: Paid out');
    expect(items()).toEqual(['Created ✓', 'Claimed ✓', 'Paid out ✓']);
    expect(onChange.mock.calls.map((c) => c[0])).toEqual(['delivered', 'claimed', 'paid_out']);
    const n = fb.requests.length;
    vi.useFakeTimers();
    await flush(120_000);
    expect(fb.requests.length).toBe(n); // terminal: polling stopped
  });

  it('a link sent by email shows its delivery stages, ticked as they happen', async () => {
    const fb = createFakeBroker();
    const [, link] = await createLink(fb);
    fb.payoutLinks.get(link.id)!.delivery = { method: 'email' };
    const r = setup(<PayoutStatus payoutLinkId={link.id} />, {}, fb);
    await flush();
    fb.setPayoutLinkStatus(link.id, 'sent');
    await flush();
    const ticked = [...root(r.container).querySelectorAll('li[data-done]')].map(
      (li) => li.textContent,
    );
    expect(ticked).toEqual(['Created', 'Sending']);
    expect(root(r.container).querySelectorAll('li').length).toBe(6);
  });

  it('payout batch shows processed / succeeded / failed counts until completed', async () => {
    const fb = createFakeBroker();
    const b = fb.createPayoutBatch();
    const r = setup(<PayoutStatus payoutBatchId={b.id} />, {}, fb);
    await flush();
    fb.updatePayoutBatch(b.id, {
      status: 'processing',
      items_processed: 3,
      items_succeeded: 2,
      items_failed: 1,
    });
    await flush();
    const dds = [...root(r.container).querySelectorAll('dd')].map((d) => d.textContent);
    expect(dds).toEqual(['3', '2', '1']);
    expect(root(r.container).textContent).toContain('Processing');
    fb.updatePayoutBatch(b.id, { status: 'completed', items_processed: 4, items_succeeded: 3 });
    await flush();
    expect(root(r.container).getAttribute('data-tone')).toBe('success');
  });

  it('a flow shows its steps and completes', async () => {
    const fb = createFakeBroker();
    const flow = await (
      await fb.fetch(`${fb.url}/flows`, {
        method: 'POST',
        headers: { authorization: 'Bearer token-1' },
        body: JSON.stringify({ steps: ['compliance', 'payout'] }),
      })
    ).json();
    const r = setup(<PayoutStatus flowId={flow.id} />, {}, fb);
    await flush();
    expect(stateOf(root(r.container))).toBe('in_progress');
    fb.completeStep(flow.id, 'compliance');
    await flush();
    const done = [...root(r.container).querySelectorAll('li[data-done]')].map(
      (li) => li.textContent,
    );
    expect(done).toEqual(['Tax information']);
    const labels = [...root(r.container).querySelectorAll('li')].map((li) => li.textContent);
    expect(labels).toEqual(['Tax information', 'Payout']);
    fb.completeFlow(flow.id);
    await flush();
    expect(stateOf(root(r.container))).toBe('completed');
  });

  it('error state with retry', async () => {
    const fb = createFakeBroker();
    const t = fb.createTransfer();
    fb.failNext({ path: `/transfers/${t.id}` }, 503, 'upstream_unavailable');
    const onError = vi.fn();
    const r = setup(<PayoutStatus transferId={t.id} onError={onError} />, {}, fb);
    await flush();
    expect(stateOf(root(r.container))).toBe('error');
    expect(onError).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await flush();
    expect(stateOf(root(r.container))).toBe('created');
  });

  it('messages replace labels', async () => {
    const fb = createFakeBroker();
    const t = fb.createTransfer({ status: 'pending' });
    setup(
      <PayoutStatus transferId={t.id} />,
      { messages: { statusLabel: 'Estado', statuses: { pending: 'Pendiente' } } },
      fb,
    );
    await flush();
    expect(live().textContent).toBe('Estado: Pendiente');
  });

  it('two PayoutStatus for the same transfer share requests and one stream', async () => {
    const fb = createFakeBroker();
    const t = fb.createTransfer({ status: 'pending' });
    setup(
      <>
        <PayoutStatus transferId={t.id} />
        <PayoutStatus transferId={t.id} />
      </>,
      {},
      fb,
    );
    await flush();
    expect(count(fb, 'GET', `/transfers/${t.id}`)).toBe(1);
    expect(fb.openStreams).toBe(1);
  });
});

async function createLink(fb: ReturnType<typeof createFakeBroker>, extra: object = {}) {
  const res = await fb.fetch(`${fb.url}/payout-links`, {
    method: 'POST',
    headers: { authorization: 'Bearer token-1' },
    body: JSON.stringify({ amount: 500, ...extra }),
  });
  return [res, await res.json()] as const;
}
