/**
 * Look of the widget: the same shape as Dots' `?styles=` parameter. `variables` also set
 * our own CSS custom properties (`--dots-primary`, `--dots-bg`, …) on the provider's
 * wrapper, and the whole object is passed to every flow link as `?styles=`.
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

const CSS_VARS: Partial<Record<DotsStyleVariable, string>> = {
  backgroundColor: '--dots-bg',
  primaryTextColor: '--dots-text',
  secondaryTextColor: '--dots-text-2',
  primaryColor: '--dots-primary',
  buttonBackgroundColor: '--dots-button-bg',
  buttonTextColor: '--dots-button-text',
  inputBorderColor: '--dots-border',
  borderRadius: '--dots-radius',
};

/** Our CSS custom properties for an appearance. */
export function appearanceVars(a?: DotsAppearance): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(a?.variables ?? {}))
    if (CSS_VARS[k as DotsStyleVariable] && v) out[CSS_VARS[k as DotsStyleVariable]!] = v;
  return out;
}

/** The flow link with `?styles=` added when an appearance is set. */
export function styledLink(link: string, a?: DotsAppearance): string {
  if (!a || (!a.theme && !a.variables)) return link;
  try {
    const u = new URL(link);
    u.searchParams.set('styles', JSON.stringify(a));
    return u.href;
  } catch {
    return link;
  }
}
