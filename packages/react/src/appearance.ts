/**
 * Look of the widget: the same shape as Dots' `?styles=` parameter. Each variable also
 * becomes a CSS custom property `--dots-<variable>` (e.g. `--dots-primaryColor`) on our
 * components' roots, read by the default stylesheet; the whole object is passed to every
 * flow link as `?styles=`.
 */
export interface DotsAppearance {
  theme?: 'light' | 'dark';
  variables?: Partial<Record<DotsStyleVariable, string>>;
}

/** Dots flow style variables. */
export type DotsStyleVariable =
  | 'backgroundColor'
  | 'primaryTextColor'
  | 'secondaryTextColor'
  | 'tertiaryTextColor'
  | 'primaryColor'
  | 'tabBackgroundColor'
  | 'tabHoverBackgroundColor'
  | 'tabBorderColor'
  | 'tabHoverBorderColor'
  | 'buttonBackgroundColor'
  | 'buttonTextColor'
  | 'buttonHoverTextColor'
  | 'buttonHoverBackgroundColor'
  | 'buttonDisabledBackgroundColor'
  | 'buttonDisabledTextColor'
  | 'inputBackgroundColor'
  | 'inputBorderColor'
  | 'inputPlaceholderColor'
  | 'borderRadius';

/** Our CSS custom properties for an appearance: `--dots-<variable>`. */
export function appearanceVars(a?: DotsAppearance): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(a?.variables ?? {})) if (v) out[`--dots-${k}`] = v;
  return out;
}

/** A checked flow link's href, with `?styles=` added when an appearance is set. */
export function styledLink(link: URL, a?: DotsAppearance): string {
  const u = new URL(link);
  if (a?.theme || a?.variables) u.searchParams.set('styles', JSON.stringify(a));
  return u.href;
}
