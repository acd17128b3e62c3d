import type { Frame, Page } from 'playwright-core';

/** Where keyboard focus is: the deepest focused element, across (cross-origin) iframes. */
export interface FocusInfo {
  /** `top` for the host page, else the URL path of the frame holding focus. */
  where: string;
  tag: string;
  id: string;
  name: string;
  /** Accessible-ish name: aria-label, label text, or own text (trimmed, 60 chars). */
  label: string;
  /** True when the element is inside `[role=dialog]` of the host page (or is the dialog's iframe). */
  inDialog: boolean;
  /** `:focus-visible` matches and an outline (or box-shadow) is drawn. */
  visible: boolean;
  /** The computed outline, for messages. */
  outline: string;
}

type Described = Omit<FocusInfo, 'where' | 'inDialog'> & { inDialog: boolean };

// Runs in the page: describes document.activeElement.
const describeActive = (): Described => {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body || el === document.documentElement) {
    return {
      tag: 'BODY',
      id: '',
      name: '',
      label: '',
      visible: false,
      outline: '',
      inDialog: false,
    };
  }
  const cs = getComputedStyle(el);
  const outlined = cs.outlineStyle !== 'none' && Number.parseFloat(cs.outlineWidth) > 0;
  const shadowed = cs.boxShadow !== '' && cs.boxShadow !== 'none';
  const labelled =
    el.getAttribute('aria-label') ??
    (el as HTMLInputElement).labels?.[0]?.textContent ??
    el.textContent ??
    '';
  return {
    tag: el.tagName,
    id: el.id,
    name: el.getAttribute('name') ?? '',
    label: labelled.replace(/\s+/g, ' ').trim().slice(0, 60),
    // Chromium's date/time fields move focus to an inner segment, which it highlights
    // itself (the outline of the field is not drawn): that highlight is the indicator.
    visible:
      (el.matches(':focus-visible') && (outlined || shadowed)) ||
      (el instanceof HTMLInputElement && /^(date|time|datetime-local|month|week)$/.test(el.type)),
    outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}; box-shadow ${cs.boxShadow}`,
    inDialog: el.closest('[role="dialog"]') !== null,
  };
};

/** Describes where focus is now, following focus into iframes. */
export async function focusInfo(page: Page): Promise<FocusInfo> {
  const top = await page.evaluate(describeActive);
  if (top.tag !== 'IFRAME') return { ...top, where: 'top' };
  const handle = await page.evaluateHandle(() => document.activeElement);
  const frame: Frame | null = (await handle.asElement()?.contentFrame()) ?? null;
  await handle.dispose();
  if (!frame) return { ...top, where: 'top' };
  const inner = await frame.evaluate(describeActive);
  // Focus on the frame's body means the iframe itself holds focus: the iframe's ring counts.
  return {
    ...(inner.tag === 'BODY' ? top : inner),
    where: new URL(frame.url()).pathname,
    inDialog: top.inDialog,
  };
}

/** Short text for a focus stop, e.g. `top BUTTON "Get paid $25.00"` or `/flow/x INPUT#f-email`. */
export const stop = (f: FocusInfo) =>
  `${f.where} ${f.tag}${f.id ? `#${f.id}` : ''}${f.label ? ` "${f.label}"` : ''}`;

/**
 * Keyboard-only driving with a record of every focus stop: `tabTo` presses Tab (or
 * Shift+Tab) until focus matches, and notes each stop whose focus is not visible.
 */
export function keyboardDriver(page: Page) {
  const invisible: string[] = [];
  const trail: FocusInfo[] = [];
  const press = async (key: 'Tab' | 'Shift+Tab') => {
    await page.keyboard.press(key);
    const f = await focusInfo(page);
    trail.push(f);
    // A focused iframe element whose document has no focused element: nothing to outline
    // inside; the host must draw it, so it is checked like any other stop.
    if (!f.visible) invisible.push(`${stop(f)} (${f.outline})`);
    return f;
  };
  return {
    invisible,
    trail,
    press,
    /** Tabs until `match(focus)`; throws with the stops visited when `max` presses do not get there. */
    async tabTo(
      match: (f: FocusInfo) => boolean,
      what: string,
      options: { shift?: boolean; max?: number } = {},
    ): Promise<FocusInfo> {
      const seen: string[] = [];
      for (let i = 0; i < (options.max ?? 30); i++) {
        const f = await press(options.shift ? 'Shift+Tab' : 'Tab');
        seen.push(stop(f));
        if (match(f)) return f;
      }
      throw new Error(`Tab never reached ${what}; stops: ${seen.join(' → ')}`);
    },
  };
}

/** Matches a focused form control of the hosted flow page by its `id`. */
export const field = (id: string) => (f: FocusInfo) => f.where !== 'top' && f.id === id;

/** Matches a focused element by tag and exact label. */
export const named = (tag: string, label: string | RegExp) => (f: FocusInfo) =>
  f.tag === tag && (typeof label === 'string' ? f.label === label : label.test(f.label));
