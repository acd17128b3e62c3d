import type { DotsAppearance } from '@dotskit/react';

/**
 * The demo's look for Dots, per theme: the same object styles our widgets (CSS variables)
 * and the hosted flows (`?styles=`). The widget's stylesheet is light by default, so the
 * dark theme sets its colours explicitly. Every text/background pair passes WCAG AA.
 */
export function demoAppearance(theme: 'light' | 'dark'): DotsAppearance {
  if (theme === 'light') return { theme, variables: { primaryColor: '#3b5bdb' } };
  return {
    theme,
    variables: {
      backgroundColor: '#1f2026',
      primaryTextColor: '#ececec',
      secondaryTextColor: '#b4b4bc',
      primaryColor: '#7c95ff',
      buttonBackgroundColor: '#7c95ff',
      buttonTextColor: '#15161a',
      inputBorderColor: '#4a4b55',
    },
  };
}
