import { fireEvent, render, screen, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { PayoutHistory } from './payout-history';
import { DotsProvider } from './provider';
import { count, flush, setup } from './test-support/helpers';
import { createFakeBroker } from './testing';

const table = (name: string) => screen.getByRole('table', { name });
const bodyRows = (t: HTMLElement) => within(t).getAllByRole('row').slice(1);
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('PayoutHistory', () => {
  it('an accessible table per list: caption, header cells, locale date and amount, status badge', async () => {
    const fb = createFakeBroker();
    fb.setWallet({}, { push: false });
    fb.createTransfer({
      amount: -123456,
      type: 'balance',
      status: 'completed',
      created: '2026-03-04T15:30:00Z',
    });
    fb.createPayoutLink({ amount: 2500, memo: 'March sales', created: '2026-03-05T09:00:00Z' });
    setup(<PayoutHistory locale="en-US" />, {}, fb);
    await flush();
    const transfers = table('Transfers');
    expect(
      within(transfers)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Date', 'Description', 'Amount', 'Status']);
    const [row] = bodyRows(transfers);
    expect(cells(row!).slice(1)).toEqual(['Received', '$1,234.56', 'Completed']);
    expect(row!.querySelector('time')!.getAttribute('datetime')).toBe('2026-03-04T15:30:00Z');
    expect(row!.querySelector('time')!.textContent).toMatch(/^Mar 4, 2026/);
    expect(row!.getAttribute('data-tone')).toBe('success');
    expect(cells(bodyRows(table('Payout links'))[0]!).slice(1)).toEqual([
      'March sales',
      '$25.00',
      'Created',
    ]);
  });

  it('formats for the given locale', async () => {
    const fb = createFakeBroker();
    fb.createTransfer({ amount: -123456, created: '2026-03-04T15:30:00Z' });
    setup(<PayoutHistory kind="transfers" locale="de-DE" currency="EUR" />, {}, fb);
    await flush();
    const [row] = bodyRows(table('Transfers'));
    expect(cells(row!)[2]).toBe('1.234,56\u00a0€');
    expect(row!.querySelector('time')!.textContent).toMatch(/^04\.03\.2026/);
  });

  it('pages with Load more (starting_after = the last id), then the button goes', async () => {
    const fb = createFakeBroker();
    const ids = Array.from({ length: 5 }, () => fb.createTransfer().id).reverse();
    setup(<PayoutHistory kind="transfers" pageSize={2} />, {}, fb);
    await flush();
    const t = table('Transfers');
    expect(bodyRows(t).map((r) => r.dataset.id)).toEqual(ids.slice(0, 2));
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await flush();
    expect(fb.requests.at(-1)!.search).toBe(`?limit=2&starting_after=${ids[1]}`);
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await flush();
    expect(bodyRows(t).map((r) => r.dataset.id)).toEqual(ids);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('live: updates a row in place and announces it once; a new item appears at the top', async () => {
    const fb = createFakeBroker();
    const old = fb.createTransfer({ status: 'pending', amount: 700, type: 'payout' });
    setup(<PayoutHistory kind="transfers" locale="en-US" />, {}, fb);
    await flush();
    const live = within(screen.getByRole('table').parentElement!).getAllByRole('status').at(-1)!;
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.textContent).toBe('');
    fb.setTransferStatus(old.id, 'completed');
    await flush();
    expect(live.textContent).toBe('Payout, $7.00: Completed');
    const fresh = fb.createTransfer({ status: 'pending', amount: -2500, type: 'balance' });
    fb.setTransferStatus(fresh.id, 'pending');
    await flush();
    expect(bodyRows(table('Transfers')).map((r) => r.dataset.id)).toEqual([fresh.id, old.id]);
    expect(count(fb, 'GET', '/transfers')).toBe(1); // pushed, not refetched
  });

  it('a payout link row reads "Paid out" once its transfer completed', async () => {
    const fb = createFakeBroker();
    const link = fb.createPayoutLink({ amount: 900 });
    setup(<PayoutHistory />, {}, fb);
    await flush();
    fb.payOut(link.id);
    await flush();
    const [row] = bodyRows(table('Payout links'));
    expect(row!.dataset.state).toBe('paid_out');
    expect(cells(row!)[3]).toBe('Paid out');
    expect(bodyRows(table('Transfers'))).toHaveLength(1);
  });

  it('empty state, then error with retry', async () => {
    const fb = createFakeBroker();
    setup(<PayoutHistory kind="payout-links" />, {}, fb);
    await flush();
    expect(screen.getByText('No payout links yet.')).toBeTruthy();

    const fb2 = createFakeBroker();
    fb2.failNext({ path: '/transfers' }, 503, 'upstream_unavailable');
    const onSelect = vi.fn();
    render(
      <DotsProvider broker={fb2.config}>
        <PayoutHistory kind="transfers" onSelect={onSelect} />
      </DotsProvider>,
    );
    await flush();
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong.');
    fb2.createTransfer({ amount: -100 });
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await flush();
    expect(screen.queryByRole('alert')).toBeNull();
    const [row] = bodyRows(screen.getAllByRole('table').at(-1)!);
    fireEvent.click(within(row!).getByRole('button', { name: /^Details: Received, \$1\.00/ }));
    expect(onSelect.mock.calls[0]![0]).toMatchObject({
      kind: 'transfer',
      resourceStatus: 'created',
      target: { transferId: row!.dataset.id },
    });
  });

  it("shows only the signed-in principal's items", async () => {
    const fb = createFakeBroker();
    fb.createTransfer({ amount: -100 });
    const bobs = fb.createTransfer({ amount: -200 }, { principal: 'bob' });
    render(
      <DotsProvider broker={fb.configFor('bob')}>
        <PayoutHistory kind="transfers" />
      </DotsProvider>,
    );
    await flush();
    expect(bodyRows(table('Transfers')).map((r) => r.dataset.id)).toEqual([bobs.id]);
  });

  it('StrictMode: one request for the first page, no duplicate rows', async () => {
    const fb = createFakeBroker();
    fb.createTransfer();
    render(
      <StrictMode>
        <DotsProvider broker={fb.config}>
          <PayoutHistory kind="transfers" />
        </DotsProvider>
      </StrictMode>,
    );
    await flush();
    expect(count(fb, 'GET', '/transfers')).toBe(1);
    expect(bodyRows(table('Transfers'))).toHaveLength(1);
  });

  it('messages and unstyled', async () => {
    const fb = createFakeBroker();
    const r = setup(
      <PayoutHistory kind="transfers" unstyled />,
      {
        messages: { transfersCaption: 'Virements', noTransfers: 'Aucun virement.' },
      },
      fb,
    );
    await flush();
    expect(table('Virements')).toBeTruthy();
    expect(screen.getByText('Aucun virement.')).toBeTruthy();
    expect(r.container.querySelector('[class*="dots-"]')).toBeNull();
  });

  it('misuse throws a TypeError naming the fix', () => {
    const fb = createFakeBroker();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => setup(<PayoutHistory kind="transfers" pageSize={500} />, {}, fb)).toThrow(
      /\[dotskit\] usePayoutHistory: pageSize must be an integer from 1 to 100/,
    );
    vi.restoreAllMocks();
  });
});
