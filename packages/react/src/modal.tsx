import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useEffect, useId, useRef } from './react-hooks';

/** Props of the internal accessible modal. */
export interface ModalProps {
  title: string;
  closeLabel: string;
  onClose: () => void;
  children: ReactNode;
  unstyled?: boolean;
}

const FOCUSABLE = 'button,iframe,a[href],input,select,textarea,[tabindex]:not([tabindex="-1"])';

/**
 * A dialog in a portal: `role="dialog"`, `aria-modal`, labelled by its title; focus moves
 * into it, Tab/Shift+Tab stay inside (sentinels catch focus leaving the iframe too),
 * Escape closes it, and focus returns to where it was when it closes or unmounts.
 */
export function Modal({ title, closeLabel, onClose, children, unstyled }: ModalProps) {
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  const id = useId();
  const c = (n: string) => (unstyled ? undefined : `dots-${n}`);
  const focusAt = (last: boolean) => {
    const all = box.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [];
    all[last ? all.length - 1 : 0]?.focus();
  };
  useEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    box.current?.querySelector<HTMLElement>('button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close.current();
    // Chromium never matches :focus on a frame whose document holds focus, so the frame
    // gets a data-focused attribute (styled as a focus ring) while it holds focus.
    const onBlur = () => {
      const f = document.activeElement;
      if (f instanceof HTMLIFrameElement && box.current?.contains(f)) f.dataset.focused = '';
    };
    const onFocus = () => {
      for (const f of box.current?.querySelectorAll('iframe') ?? []) delete f.dataset.focused;
    };
    document.addEventListener('keydown', onKey);
    addEventListener('blur', onBlur);
    addEventListener('focus', onFocus);
    return () => {
      document.removeEventListener('keydown', onKey);
      removeEventListener('blur', onBlur);
      removeEventListener('focus', onFocus);
      back?.focus?.();
    };
  }, []);
  return createPortal(
    <div className={c('modal-backdrop')}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/noNoninteractiveTabindex: focus-trap sentinel */}
      <div tabIndex={0} onFocus={() => focusAt(true)} />
      <div ref={box} role="dialog" aria-modal="true" aria-labelledby={id} className={c('modal')}>
        <div className={c('modal-header')}>
          <h2 id={id}>{title}</h2>
          <button type="button" className={c('modal-close')} onClick={onClose}>
            {closeLabel}
          </button>
        </div>
        {children}
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/noNoninteractiveTabindex: focus-trap sentinel */}
      <div tabIndex={0} onFocus={() => focusAt(false)} />
    </div>,
    document.body,
  );
}
