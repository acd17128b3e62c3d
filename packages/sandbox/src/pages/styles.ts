/** Style variables a flow link accepts in `?styles=` (DOTS-FACTS.md). */
export const STYLE_VARIABLES = [
  'backgroundColor',
  'primaryTextColor',
  'secondaryTextColor',
  'tertiaryTextColor',
  'primaryColor',
  'tabBackgroundColor',
  'tabHoverBackgroundColor',
  'tabBorderColor',
  'tabHoverBorderColor',
  'buttonBackgroundColor',
  'buttonTextColor',
  'buttonHoverTextColor',
  'buttonHoverBackgroundColor',
  'buttonDisabledBackgroundColor',
  'buttonDisabledTextColor',
  'inputBackgroundColor',
  'inputBorderColor',
  'inputPlaceholderColor',
  'borderRadius',
] as const;

type StyleVariable = (typeof STYLE_VARIABLES)[number];

const LIGHT: Record<StyleVariable, string> = {
  backgroundColor: '#ffffff',
  primaryTextColor: '#111827',
  secondaryTextColor: '#374151',
  tertiaryTextColor: '#6b7280',
  primaryColor: '#4f46e5',
  tabBackgroundColor: '#f9fafb',
  tabHoverBackgroundColor: '#f3f4f6',
  tabBorderColor: '#d1d5db',
  tabHoverBorderColor: '#9ca3af',
  buttonBackgroundColor: '#4f46e5',
  buttonTextColor: '#ffffff',
  buttonHoverTextColor: '#ffffff',
  buttonHoverBackgroundColor: '#4338ca',
  buttonDisabledBackgroundColor: '#c7d2fe',
  buttonDisabledTextColor: '#eef2ff',
  inputBackgroundColor: '#ffffff',
  inputBorderColor: '#6b7280',
  inputPlaceholderColor: '#6b7280',
  borderRadius: '8px',
};

const DARK: Record<StyleVariable, string> = {
  ...LIGHT,
  backgroundColor: '#111827',
  primaryTextColor: '#f9fafb',
  secondaryTextColor: '#e5e7eb',
  tertiaryTextColor: '#9ca3af',
  primaryColor: '#a5b4fc',
  tabBackgroundColor: '#1f2937',
  tabHoverBackgroundColor: '#374151',
  tabBorderColor: '#4b5563',
  buttonBackgroundColor: '#4f46e5',
  buttonHoverBackgroundColor: '#4338ca',
  inputBackgroundColor: '#1f2937',
  inputBorderColor: '#9ca3af',
  inputPlaceholderColor: '#9ca3af',
};

// Colours, lengths and simple functions only: no `;`, braces, quotes, `:` or `<`, so a
// value cannot break out of its declaration or load anything.
const SAFE_VALUE = /^[#\w\s.,%()+-]{1,64}$/;

/** The theme and CSS custom properties a flow page renders with. */
export interface FlowTheme {
  theme: 'light' | 'dark';
  /** `--dots-<variable>: <value>;` declarations for `:root`. */
  css: string;
}

/**
 * Reads `?styles=<JSON>` (`{ theme, variables }`). Unknown variables and unsafe values are
 * ignored; malformed JSON falls back to the light theme.
 */
export function parseStyles(raw: unknown): FlowTheme {
  let parsed: { theme?: unknown; variables?: unknown } = {};
  if (typeof raw === 'string' && raw.length <= 4000) {
    try {
      const value: unknown = JSON.parse(raw);
      if (value && typeof value === 'object') parsed = value as typeof parsed;
    } catch {
      // Not JSON: defaults.
    }
  }
  const theme = parsed.theme === 'dark' ? 'dark' : 'light';
  const vars: Record<string, string> = { ...(theme === 'dark' ? DARK : LIGHT) };
  const given =
    parsed.variables && typeof parsed.variables === 'object'
      ? (parsed.variables as Record<string, unknown>)
      : {};
  for (const key of STYLE_VARIABLES) {
    const v = given[key];
    if (typeof v === 'string' && SAFE_VALUE.test(v)) vars[key] = v.trim();
  }
  return {
    theme,
    css: Object.entries(vars)
      .map(([k, v]) => `--dots-${k}: ${v};`)
      .join(' '),
  };
}
