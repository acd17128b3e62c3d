import { type PayoutLink, parseDotsTime, type Transfer } from '@dotskit/api/wire';
import { errorText } from './errors';
import { describe, rowStatus } from './history-rows';
import type { historyMessages, statusMessages } from './messages';
import { useDots } from './provider';
import { useEffect, useRef, useState, useSyncExternalStore } from './react-hooks';
import type { HistoryItem, HistoryKind, HistoryStatus } from './seller-wire';
import { type ResourceStatus, toneOf } from './status-model';
import { usePayoutHistory } from './use-payout-history';

/**
 * One row of `PayoutHistory`, as `onSelect` gets it: the resource, the status its badge
 * shows (a payout link's is `paid_out` once its transfer completed), and `target`, which
 * fits `<PayoutStatus>`.
 */
export type PayoutHistoryRow =
  | {
      kind: 'transfer';
      resource: Transfer;
      resourceStatus: ResourceStatus;
      target: { transferId: string };
    }
  | {
      kind: 'payout_link';
      resource: PayoutLink;
      resourceStatus: ResourceStatus;
      target: { payoutLinkId: string };
    };

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

const rowOf = (
  kind: HistoryKind,
  resource: HistoryItem[HistoryKind],
  resourceStatus: ResourceStatus,
) =>
  (kind === 'transfers'
    ? { kind: 'transfer', resource, resourceStatus, target: { transferId: resource.id } }
    : {
        kind: 'payout_link',
        resource,
        resourceStatus,
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
    const t = parseDotsTime(r.created);
    return {
      r,
      status: rowStatus(kind, r, resources),
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
    for (const { r, status, text, amount } of rows) {
      const before = last.current.get(r.id);
      if (before && before !== status) changed.push(`${text}, ${amount}: ${label(status)}`);
      last.current.set(r.id, status);
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
          {rows.map(({ r, status, text, amount, when }) => (
            <tr key={r.id} data-id={r.id} data-state={status} data-tone={toneOf(status)}>
              <td>{when && <time dateTime={r.created}>{when}</time>}</td>
              <td>{text}</td>
              <td className={c('history-amount')}>{amount}</td>
              <td>
                <span className={c('status-badge')}>{label(status)}</span>
              </td>
              {onSelect && (
                <td>
                  <button
                    type="button"
                    className={c('link-button')}
                    aria-label={`${m.details}: ${text}, ${amount}, ${when}`}
                    onClick={() => onSelect(rowOf(kind, r, status))}
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
