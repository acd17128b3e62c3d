import type { CSSProperties, ReactNode } from 'react';
import { styledLink } from './appearance';
import { errorText } from './errors';
import { frameAttrs } from './flow-link';
import { listenFrame, MIN_HEIGHT } from './flow-message';
import { payoutMessages } from './messages';
import { Modal } from './modal';
import { useDots } from './provider';
import { useEffect, useRef, useState } from './react-hooks';
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
 * redirect), only once its link passed the link check. Errors show once, with a retry:
 * in the modal while it is open, else next to the button. The modal's frame takes the
 * height the page reports. See {@link usePayoutLink}.
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
  const { url, isOpen } = p;
  // The claim page's own height (it says so on each page load): the modal fits it.
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState<number>();
  const origin = isOpen && url?.origin;
  useEffect(() => {
    if (origin)
      return listenFrame(frame, origin, (msg) => 'height' in msg && setHeight(msg.height));
  }, [origin]);
  // One error notice with its retry: in the modal while it is open (above its backdrop).
  const error = p.error && (
    <span role="alert" className={c('notice')}>
      {errorText(m.error, p.error)}{' '}
      <button type="button" className={c('link-button')} onClick={p.open}>
        {m.retry}
      </button>
    </span>
  );
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
      {!isOpen && error}
      {isOpen && (
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
          {error ||
            (url ? (
              <iframe
                ref={frame}
                {...frameAttrs(url)}
                src={styledLink(url, appearance)}
                title={m.payoutTitle}
                className={c('flow-frame')}
                // Small until the page says its height, so that it measures its content.
                style={{ height: height ?? MIN_HEIGHT }}
              />
            ) : (
              <p className={c('notice')} role="status">
                {m.loading}
              </p>
            ))}
        </Modal>
      )}
    </span>
  );
}
