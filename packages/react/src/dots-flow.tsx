import type { CSSProperties } from 'react';
import { errorText } from './errors';
import { MIN_HEIGHT } from './flow-message';
import { flowMessages } from './messages';
import { useDots } from './provider';
import { type UseDotsFlowOptions, useDotsFlow } from './use-dots-flow';
import { cx } from './util';

/** Props of {@link DotsFlow}: the hook's options plus presentation. */
export interface DotsFlowProps extends UseDotsFlowOptions {
  /**
   * Iframe height in px once the page has loaded, until it reports its own (the frame
   * scrolls when its content is taller). Default 600.
   */
  height?: number;
  className?: string;
  style?: CSSProperties;
  /** Drop our class names (and so the default stylesheet); `data-state` stays. */
  unstyled?: boolean;
}

/**
 * Embeds a Dots flow: a loading placeholder (also what the server renders), the flow's
 * iframe, an error with retry, an expiry/exit notice with "Start again", and a completion
 * notice. A Cancel button is shown while the flow is open when `onExit` is given.
 * See {@link useDotsFlow} for the lifecycle and callbacks.
 */
export function DotsFlow({ height = 600, className, style, unstyled, ...options }: DotsFlowProps) {
  const { vars, messages } = useDots('<DotsFlow>');
  const m = { ...flowMessages, ...messages };
  const f = useDotsFlow(options);
  const c = (n: string) => (unstyled ? undefined : `dots-${n}`);
  const notice = (
    {
      loading: [m.loading],
      error: [errorText(m.error, f.error), f.retry, m.retry],
      expired: [m.expired, f.restart, m.restart],
      exited: [m.exited, f.restart, m.restart],
      complete: [m.complete],
    } as Record<string, [string, (() => void)?, string?]>
  )[f.status]; // undefined when ready
  return (
    <div className={cx(c('flow'), className)} data-state={f.status} style={{ ...vars, ...style }}>
      {f.frameProps && (
        <iframe
          {...f.frameProps}
          className={c('flow-frame')}
          // Small while loading, so that the page measures its content, not our frame.
          style={{ height: f.height ?? (f.status === 'loading' ? MIN_HEIGHT : height) }}
        />
      )}
      {notice && (
        <div className={c('notice')} role={f.status === 'error' ? 'alert' : 'status'}>
          <p>{notice[0]}</p>
          {notice[1] && (
            <button type="button" className={c('button')} onClick={notice[1]}>
              {notice[2]}
            </button>
          )}
        </div>
      )}
      {f.frameProps && options.onExit && (
        <button type="button" className={c('link-button')} onClick={f.exit}>
          {m.exit}
        </button>
      )}
    </div>
  );
}
