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
  /** `:focus-visible` matches and an outline of 3:1 contrast (or a box-shadow) is drawn. */
  visible: boolean;
  /** The computed outline, for messages. */
  outline: string;
  /**
   * Contrast of the outline colour against the background behind the element (WCAG 1.4.11
   * asks 3:1 of a focus indicator); null without an opaque outline.
   */
  indicatorContrast: number | null;
}

type Described = Omit<FocusInfo, 'where' | 'inDialog'> & { inDialog: boolean };

// Runs in the page (so it is self-contained): describes document.activeElement.
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
      indicatorContrast: null,
    };
  }
  const rgba = (c: string): number[] | null => {
    const m = /^rgba?\(([^)]+)\)$/.exec(c.trim());
    const parts = m?.[1]
      ?.split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return parts && parts.length >= 3 && parts.every((n) => !Number.isNaN(n)) ? parts : null;
  };
  const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
    const lin = (v: number) => {
      const x = v / 255;
      return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  // The outline is drawn outside the element: compare it with the first opaque background
  // from the parent up (white when none).
  let behind: number[] = [255, 255, 255];
  for (let p = el.parentElement; p; p = p.parentElement) {
    const bg = rgba(getComputedStyle(p).backgroundColor);
    if (bg && (bg[3] ?? 1) >= 0.99) {
      behind = bg;
      break;
    }
  }
  const cs = getComputedStyle(el);
  const outlined = cs.outlineStyle !== 'none' && Number.parseFloat(cs.outlineWidth) > 0;
  const shadowed = cs.boxShadow !== '' && cs.boxShadow !== 'none';
  // `outline-style: auto` is the browser's own ring, which Chromium draws in two tones
  // (dark inside, light outside) so that it shows on any background: not measured.
  const ring = outlined && cs.outlineStyle !== 'auto' ? rgba(cs.outlineColor) : null;
  const [l1, l2] = [ring ? luminance(ring) : 0, luminance(behind)];
  const indicatorContrast =
    ring && (ring[3] ?? 1) >= 0.99
      ? Math.round(((Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05)) * 100) / 100
      : null;
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
    // An outline must reach 3:1 against what is behind it (WCAG 1.4.11); a box-shadow ring
    // is accepted as drawn. Chromium's date/time fields move focus to an inner segment,
    // which it highlights itself (the field's outline is not drawn): that is the indicator.
    visible:
      // Chromium matches neither :focus nor :focus-visible on an iframe whose document
      // holds focus: for a frame, the ring it draws is the indicator.
      ((el.matches(':focus-visible') || el.tagName === 'IFRAME') &&
        (shadowed || (outlined && (indicatorContrast === null || indicatorContrast >= 3)))) ||
      (el instanceof HTMLInputElement && /^(date|time|datetime-local|month|week)$/.test(el.type)),
    outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}; box-shadow ${cs.boxShadow}; contrast ${indicatorContrast ?? 'n/a'}`,
    inDialog: el.closest('[role="dialog"]') !== null,
    indicatorContrast,
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
