import type { Transfer } from '@dotskit/api/wire';
import { describe, expect, it } from 'vitest';
import { describe as describeRow, rowsOf } from './history-rows';
import { historyMessages } from './messages';

const t = (id: string, created: string | undefined, status: Transfer['status'] = 'pending') =>
  [`transfer:${id}`, { id, created, status, amount: -100 }] as const;

describe('rowsOf', () => {
  const resources = Object.fromEntries([
    t('a', '2026-03-05T00:00:00Z'),
    t('b', '2026-03-04T00:00:00Z'),
    t('old', '2026-01-01T00:00:00Z'),
    t('new', '2026-03-06T00:00:00Z', 'completed'),
    ['payout_link:x', { id: 'x', created: '2026-03-07T00:00:00Z', status: 'created' }],
  ]);

  it('adds store items newer than the last loaded one while older pages remain, newest first', () => {
    const rows = rowsOf('transfers', resources, { ids: ['a', 'b'], hasMore: true });
    expect(rows.map((r) => r.id)).toEqual(['new', 'a', 'b']);
  });

  it('adds every store item once the last page is loaded', () => {
    const rows = rowsOf('transfers', resources, { ids: ['a', 'b'], hasMore: false });
    expect(rows.map((r) => r.id)).toEqual(['new', 'a', 'b', 'old']);
  });

  it('with a status filter, adds only matching items but keeps loaded ones', () => {
    const rows = rowsOf('transfers', resources, { ids: ['a'], hasMore: false }, 'pending');
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'old']);
  });

  it('an item without a readable time sorts first', () => {
    const rows = rowsOf(
      'transfers',
      { ...resources, ...Object.fromEntries([t('z', undefined)]) },
      {
        ids: ['a'],
        hasMore: true,
      },
    );
    expect(rows.map((r) => r.id)).toEqual(['z', 'new', 'a']);
  });
});

describe('describe', () => {
  it('names a transfer by direction and type, a link by its memo', () => {
    const m = historyMessages;
    const created = '2026-03-05T00:00:00Z';
    const transfer = (amount: number, type: Transfer['type']) =>
      describeRow('transfers', { id: '1', created, status: 'completed', amount, type }, m);
    expect(transfer(-1, 'balance')).toBe('Received');
    expect(transfer(1, 'payout')).toBe('Payout');
    expect(transfer(1, 'balance')).toBe('Sent to the marketplace');
    const link = { id: '1', created, status: 'created', amount: 1, link: '' } as const;
    expect(describeRow('payout-links', { ...link, memo: '' }, m)).toBe('Payout link');
    expect(describeRow('payout-links', { ...link, memo: 'March' }, m)).toBe('March');
  });
});
