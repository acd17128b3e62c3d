import type { CSSProperties } from 'react';
import { HistoryTable, type PayoutHistoryRow } from './history-table';
import { historyMessages, statusMessages } from './messages';
import { useDots } from './provider';
import type { HistoryKind, HistoryStatus } from './seller-wire';
import { cx } from './util';

export type { PayoutHistoryRow } from './history-table';

/** Props of {@link PayoutHistory}. */
export interface PayoutHistoryProps {
  /**
   * Which lists: `transfers`, `payout-links`, or `all` (default): both, as two tables,
   * transfers first. Two tables rather than one merged list: each pages exactly on its own
   * broker cursor, and a claimed link and the transfer that paid it are the same money,
   * which one merged list would show twice.
   */
  kind?: HistoryKind | 'all';
  /** Only this Dots status (one list only; ignored for `all`). Default: every status. */
  status?: HistoryStatus[HistoryKind];
  /** Rows per page, 1..100. Default 20. */
  pageSize?: number;
  /** Adds a Details button to each row; gets the row (`row.target` fits `<PayoutStatus>`). */
  onSelect?: (row: PayoutHistoryRow) => void;
  /** Locale of dates and amounts (Intl). Default: the browser's. */
  locale?: string;
  /** ISO 4217 currency of amounts. Default `USD`. */
  currency?: string;
  className?: string;
  style?: CSSProperties;
  /** Drop our class names (and so the default stylesheet). */
  unstyled?: boolean;
}

/**
 * The signed-in principal's payout history: accessible tables (caption, header cells) of
 * transfers and/or payout links, newest first, with the date and amount in the user's
 * locale, a live status badge per row (a payout link shows "Paid out" once its transfer
 * completed), "Load more", empty and error states with retry, and status changes said
 * politely. See {@link usePayoutHistory} for loading and live updates.
 */
export function PayoutHistory({
  kind = 'all',
  status,
  pageSize,
  onSelect,
  locale,
  currency = 'USD',
  className,
  style,
  unstyled,
}: PayoutHistoryProps) {
  const { vars, messages } = useDots('<PayoutHistory>');
  const m = {
    ...historyMessages,
    ...messages,
    statuses: { ...statusMessages.statuses, ...messages.statuses },
  };
  const c = (n: string) => (unstyled ? undefined : `dots-${n}`);
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const kinds: HistoryKind[] = kind === 'all' ? ['transfers', 'payout-links'] : [kind];
  return (
    <div className={cx(c('history'), className)} style={{ ...vars, ...style }}>
      {kinds.map((k) => (
        <HistoryTable
          key={k}
          kind={k}
          status={kind === 'all' ? undefined : status}
          pageSize={pageSize}
          onSelect={onSelect}
          money={money}
          date={date}
          m={m}
          c={c}
        />
      ))}
    </div>
  );
}
