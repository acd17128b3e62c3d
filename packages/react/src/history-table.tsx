import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { errorText } from './errors';
import { describe, rowState } from './history-rows';
import type { historyMessages, statusMessages } from './messages';
import { useDots } from './provider';
import type { HistoryItem, HistoryKind, HistoryStatus } from './seller-wire';
import { toneOf } from './status-model';
import { usePayoutHistory } from './use-payout-history';
import { parseTime } from './util';
import type { PayoutLink, Transfer } from './wire-types';

/** One row of `PayoutHistory`, as `onSelect` gets it. */
export type PayoutHistoryRow =
  | { kind: 'transfer'; resource: Transfer; state: string; target: { transferId: string } }
  | { kind: 'payout_link'; resource: PayoutLink; state: string; target: { payoutLinkId: string } };

/** Props of the internal one-list table. */
export interface HistoryTableProps {
  kind: HistoryKind;
  status?: HistoryStatus[HistoryKind];
  pageSize?: number;
  onSelect?: (row: PayoutHistoryRow) => void;
  money: Intl.NumberFormat;
  date: Intl.DateTimeFormat;
  m: typeof historyMessages & { statuses: typeof statusMessages.statuses };
  c: (name: string) => string | undefined;
}

const rowOf = (kind: HistoryKind, resource: HistoryItem[HistoryKind], state: string) =>
  (kind === 'transfers'
    ? { kind: 'transfer', resource, state, target: { transferId: resource.id } }
    : {
        kind: 'payout_link',
        resource,
        state,
        target: { payoutLinkId: resource.id },
      }) as PayoutHistoryRow;

/**
 * One list as a table: caption, header cells, one row per item (date, description,
 * amount, status badge, and a Details button when `onSelect` is given), a notice row
 * (loading, empty, error with retry), "Load more", and a polite live region that says
 * each row's status change once.
 */
export function HistoryTable({
  kind,
  status,
  pageSize,
  onSelect,
  money,
  date,
  m,
  c,
}: HistoryTableProps) {
  const { rt } = useDots('<PayoutHistory>');
  const h = usePayoutHistory({ kind, status, pageSize });
  const resources = useSyncExternalStore(
    rt.store.subscribe,
    () => rt.store.getState().resources,
    () => rt.store.getState().resources,
  );
  const label = (s: string) => m.statuses[s] ?? s;
  const caption = kind === 'transfers' ? m.transfersCaption : m.payoutLinksCaption;
  const rows = h.items.map((r) => {
    const t = parseTime(r.created);
    return {
      r,
      state: rowState(kind, r, resources),
      text: describe(kind, r, m),
      amount: money.format(Math.abs(r.amount) / 100),
      when: Number.isNaN(t) ? '' : date.format(t),
    };
  });
  // Status changes of rows already shown, said once each (not the first load, not new rows).
  const [said, setSaid] = useState('');
  const last = useRef(new Map<string, string>());
  useEffect(() => {
    const changed: string[] = [];
    for (const { r, state, text, amount } of rows) {
      const before = last.current.get(r.id);
      if (before && before !== state) changed.push(`${text}, ${amount}: ${label(state)}`);
      last.current.set(r.id, state);
    }
    if (changed.length) setSaid(changed.join('. '));
  });
  const cols = onSelect ? 5 : 4;
  const notice =
    h.status === 'loading' ? (
      <span role="status">{m.loading}</span>
    ) : h.status === 'error' ? (
      <span role="alert">
        {errorText(m.error, h.error)}{' '}
        <button type="button" className={c('link-button')} onClick={h.retry}>
          {m.retry}
        </button>
      </span>
    ) : rows.length === 0 ? (
      kind === 'transfers' ? (
        m.noTransfers
      ) : (
        m.noPayoutLinks
      )
    ) : null;
  return (
    <div className={c('history-list')} data-kind={kind} data-state={h.status}>
      <table className={c('history-table')}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.dateHeader}</th>
            <th scope="col">{m.descriptionHeader}</th>
            <th scope="col">{m.amountHeader}</th>
            <th scope="col">{m.statusHeader}</th>
            {onSelect && (
              <th scope="col">
                <span className={c('sr-only')}>{m.details}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {notice && (
            <tr>
              <td colSpan={cols} className={c('history-notice')}>
                {notice}
              </td>
            </tr>
          )}
          {rows.map(({ r, state, text, amount, when }) => (
            <tr key={r.id} data-id={r.id} data-state={state} data-tone={toneOf(state)}>
              <td>{when && <time dateTime={r.created}>{when}</time>}</td>
              <td>{text}</td>
              <td className={c('history-amount')}>{amount}</td>
              <td>
                <span className={c('status-badge')}>{label(state)}</span>
              </td>
              {onSelect && (
                <td>
                  <button
                    type="button"
                    className={c('link-button')}
                    aria-label={`${m.details}: ${text}, ${amount}, ${when}`}
                    onClick={() => onSelect(rowOf(kind, r, state))}
                  >
                    {m.details}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {h.status === 'ready' && h.error && (
        <p role="alert" className={c('notice')}>
          {errorText(m.error, h.error)}
        </p>
      )}
      {h.hasMore && (
        <button
          type="button"
          className={c('button')}
          onClick={h.loadMore}
          disabled={h.loadingMore}
          aria-busy={h.loadingMore}
        >
          {h.loadingMore ? m.loadingMore : m.loadMore}
        </button>
      )}
      <span role="status" aria-live="polite" className={c('sr-only')}>
        {said}
      </span>
    </div>
  );
}
