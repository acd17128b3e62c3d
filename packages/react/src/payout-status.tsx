import { type Flow, flowStepName, type PayoutBatch, type Transfer } from '@dotskit/api/wire';
import type { CSSProperties } from 'react';
import { errorText } from './errors';
import { statusMessages } from './messages';
import { useDots } from './provider';
import { stagesOf } from './status-model';
import { type UsePayoutStatusOptions, usePayoutStatus } from './use-payout-status';
import { cx } from './util';

/** Props of {@link PayoutStatus}: one id, plus presentation. */
export type PayoutStatusProps = UsePayoutStatusOptions & {
  /** Locale for amounts (Intl). Default: the browser's. */
  locale?: string;
  /** ISO 4217 currency of amounts. Default `USD`. */
  currency?: string;
  className?: string;
  style?: CSSProperties;
  /** Drop our class names (and so the default stylesheet). */
  unstyled?: boolean;
};

/**
 * A live status badge with a timeline of stages (human labels; ticks only for what
 * happened), the amount (Intl currency format), batch counts, and a polite live region
 * that announces each status change once. Terminal states are distinct (`data-tone`
 * success / failure); a payout link ends at "Paid out". Errors show a retry button.
 */
export function PayoutStatus({
  locale,
  currency = 'USD',
  className,
  style,
  unstyled,
  ...target
}: PayoutStatusProps) {
  const { vars, messages } = useDots('<PayoutStatus>');
  const m = { ...statusMessages, ...messages };
  // Dots statuses and flow step names never collide: one table labels both.
  const labels = {
    ...statusMessages.statuses,
    ...statusMessages.steps,
    ...messages.statuses,
    ...messages.steps,
  };
  const p = usePayoutStatus(target);
  const c = (n: string) => (unstyled ? undefined : `dots-${n}`);
  const label = (s: string) => labels[s] ?? s;
  const rs = p.resourceStatus;
  // Changes only when the status does, so the live region announces each change once.
  const said = rs ? `${m.statusLabel}: ${label(rs)}` : '';
  const r = p.resource;
  const amount = (r as Transfer | undefined)?.amount;
  const batch = p.kind === 'payout_batch' ? (r as PayoutBatch | undefined) : undefined;
  const stages = r ? stagesOf(p.kind, r) : [];
  const at = rs ? stages.indexOf(rs) : -1;
  // Ticks only for what happened: a flow's completed steps; stages before the current one.
  const done = (s: string, i: number) =>
    p.kind === 'flow'
      ? (r as Flow).completed_steps.some((step) => flowStepName(step) === s)
      : i < at || p.tone === 'success';
  return (
    <div
      className={cx(c('status'), className)}
      data-state={rs ?? p.status}
      data-tone={p.tone}
      style={{ ...vars, ...style }}
    >
      {p.status === 'loading' && <span className={c('status-badge')}>{m.loading}</span>}
      {p.status === 'error' && (
        <span role="alert" className={c('notice')}>
          {errorText(m.error, p.error)}{' '}
          <button type="button" className={c('button')} onClick={p.retry}>
            {m.retry}
          </button>
        </span>
      )}
      {rs && <span className={c('status-badge')}>{label(rs)}</span>}
      {typeof amount === 'number' && (
        <span className={c('status-amount')}>
          {new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
            Math.abs(amount) / 100,
          )}
        </span>
      )}
      {rs && (
        <ol className={c('status-timeline')}>
          {stages.map((s, i) => (
            <li
              key={s}
              data-done={done(s, i) || undefined}
              aria-current={i === at ? 'step' : undefined}
            >
              {label(s)}
            </li>
          ))}
          {p.tone === 'failure' && <li aria-current="step">{label(rs)}</li>}
        </ol>
      )}
      {batch && (
        <dl className={c('status-counts')}>
          <dt>{m.processed}</dt>
          <dd>{batch.items_processed ?? 0}</dd>
          <dt>{m.succeeded}</dt>
          <dd>{batch.items_succeeded ?? 0}</dd>
          <dt>{m.failed}</dt>
          <dd>{batch.items_failed ?? 0}</dd>
        </dl>
      )}
      <span role="status" aria-live="polite" className={c('sr-only')}>
        {said}
      </span>
    </div>
  );
}
