import type { Flow } from '@dotskit/api/wire';
import type { CSSProperties } from 'react';
import { DotsFlow } from './dots-flow';
import { errorText } from './errors';
import { walletMessages } from './messages';
import { Modal } from './modal';
import { useDots } from './provider';
import { useEffect, useRef, useState } from './react-hooks';
import { type UseWalletOptions, useWallet } from './use-wallet';
import { cx } from './util';

/** Props of {@link WalletBalance}. */
export interface WalletBalanceProps extends UseWalletOptions {
  /** Show a Withdraw button (the Dots `payout` step in a modal). Default false. */
  withdraw?: boolean;
  /** The withdrawal flow completed (the wallet is read again too). */
  onWithdrawn?: (flow: Flow) => void;
  /** Locale of amounts (Intl). Default: the browser's. */
  locale?: string;
  /** ISO 4217 currency of amounts. Default `USD`. */
  currency?: string;
  className?: string;
  style?: CSSProperties;
  /** Drop our class names (and so the default stylesheet). */
  unstyled?: boolean;
}

/**
 * The principal's wallet: balance and amount available to withdraw (Intl currency), kept
 * live by {@link useWallet}, with changes said politely. Before onboarding (no linked
 * Dots user) it says so instead of failing. With `withdraw`, a button opens the `payout`
 * step in a modal (focus kept inside, Escape closes); the wallet is read again when the
 * flow completes and when the modal closes.
 */
export function WalletBalance({
  withdraw,
  onWithdrawn,
  locale,
  currency = 'USD',
  className,
  style,
  unstyled,
  ...options
}: WalletBalanceProps) {
  const { vars, messages } = useDots('<WalletBalance>');
  const m = { ...walletMessages, ...messages };
  const w = useWallet(options);
  const [open, setOpen] = useState(false);
  const c = (n: string) => (unstyled ? undefined : `dots-${n}`);
  const money = (cents: number) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
  const balance = w.wallet && money(w.wallet.amount);
  const available = w.wallet && money(w.wallet.withdrawable_amount);
  // Changes after the first read, said once each.
  const [said, setSaid] = useState('');
  const first = useRef<string>(undefined);
  useEffect(() => {
    if (!balance) return;
    const now = `${m.balance}: ${balance}. ${m.withdrawable}: ${available}`;
    if (first.current !== undefined && first.current !== now) setSaid(now);
    first.current = now;
  }, [balance, available, m.balance, m.withdrawable]);
  const close = () => {
    setOpen(false);
    w.refresh();
  };
  return (
    <div className={cx(c('wallet'), className)} data-state={w.status} style={{ ...vars, ...style }}>
      {w.status === 'loading' && (
        <p role="status" className={c('notice')}>
          {m.loading}
        </p>
      )}
      {w.status === 'empty' && <p className={c('notice')}>{m.noLinkedUser}</p>}
      {w.status === 'error' && (
        <p role="alert" className={c('notice')}>
          {errorText(m.error, w.error)}{' '}
          <button type="button" className={c('link-button')} onClick={w.refresh}>
            {m.retry}
          </button>
        </p>
      )}
      {w.wallet && w.status !== 'empty' && (
        <dl className={c('wallet-amounts')}>
          <div>
            <dt>{m.balance}</dt>
            <dd data-amount="balance">{balance}</dd>
          </div>
          <div>
            <dt>{m.withdrawable}</dt>
            <dd data-amount="withdrawable">{available}</dd>
          </div>
        </dl>
      )}
      {withdraw && w.status === 'ready' && (
        <button
          type="button"
          className={c('button')}
          aria-haspopup="dialog"
          disabled={!w.wallet?.withdrawable_amount}
          onClick={() => setOpen(true)}
        >
          {m.withdraw}
        </button>
      )}
      {open && (
        <Modal title={m.withdrawTitle} closeLabel={m.close} onClose={close} unstyled={unstyled}>
          <DotsFlow
            steps={['payout']}
            title={m.withdrawTitle}
            unstyled={unstyled}
            onComplete={(flow) => {
              w.refresh();
              onWithdrawn?.(flow);
            }}
          />
        </Modal>
      )}
      <span role="status" aria-live="polite" className={c('sr-only')}>
        {said}
      </span>
    </div>
  );
}
