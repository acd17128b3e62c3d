import { type E2eBrowser, launchBrowser as launchE2eBrowser } from '../../lib/browser';

/** The audits' browser: the e2e suite's chromium in a 1024×768 window. */
export type A11yBrowser = E2eBrowser;

/** Launches the audits' browser; `colorScheme` sets `prefers-color-scheme` (default light). */
export function launchBrowser(options: { colorScheme?: 'light' | 'dark' } = {}) {
  return launchE2eBrowser({ ...options, viewport: { width: 1024, height: 768 } });
}
