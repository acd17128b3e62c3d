import type { CSSProperties, ReactNode } from 'react';
import { styledLink } from './appearance';
import { errorText } from './errors';
import { frameAttrs } from './flow-link';
import { payoutMessages } from './messages';
import { Modal } from './modal';
import { useDots } from './provider';
import { type UsePayoutLinkOptions, usePayoutLink } from './use-payout-link';
import { cx } from './util';

/** Props of {@link PayoutLinkButton}. */
export interface PayoutLinkButtonProps extends UsePayoutLinkOptions {
  /** Button content. Default `messages.payoutButton`. */
  children?: ReactNode;
  className?: string;
  style?: CSSProperties;
  /** Drop our class names (and so the default stylesheet). */
  unstyled?: boolean;
}

/**
 * A button that creates a payout link on click and opens it (`mode`: modal, popup or
 * redirect), only once its link passed the link check. Errors show next to the button
 * with a retry. See {@link usePayoutLink}.
 */
export function PayoutLinkButton({
  children,
  className,
  style,
  unstyled,
  ...options
}: PayoutLinkButtonProps) {
  const { vars, messages, appearance } = useDots('<PayoutLinkButton>');
  const m = { ...payoutMessages, ...messages };
  const p = usePayoutLink(options);
  const c = (n: string) => (unstyled ? undefined : `dots-${n}`);
  const { url } = p;
  return (
    <span
      className={cx(c('payout'), className)}
      data-state={p.status}
      style={{ ...vars, ...style }}
    >
      <button
        type="button"
        className={c('button')}
        onClick={p.open}
        aria-busy={p.status === 'creating'}
        aria-haspopup={(options.mode ?? 'modal') === 'modal' ? 'dialog' : undefined}
      >
        {children ?? m.payoutButton}
      </button>
      {p.error && (
        <span role="alert" className={c('notice')}>
          {errorText(m.error, p.error)}{' '}
          <button type="button" className={c('link-button')} onClick={p.open}>
            {m.retry}
          </button>
        </span>
      )}
      {p.isOpen && (
        <Modal title={m.payoutTitle} closeLabel={m.close} onClose={p.close} unstyled={unstyled}>
          {p.popupBlocked && (
            <p className={c('notice')}>
              {m.popupBlocked}{' '}
              {url && (
                <a href={url.href} target="_blank" rel="noopener noreferrer">
                  {m.openLink}
                </a>
              )}
            </p>
          )}
          {url ? (
            <iframe
              {...frameAttrs(url)}
              src={styledLink(url, appearance)}
              title={m.payoutTitle}
              className={c('flow-frame')}
            />
          ) : (
            <p className={c('notice')} role={p.error ? undefined : 'status'}>
              {p.error ? errorText(m.error, p.error) : m.loading}
            </p>
          )}
        </Modal>
      )}
    </span>
  );
}
