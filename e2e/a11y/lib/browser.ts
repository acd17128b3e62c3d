import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** A headless Debian chromium context plus the function that shuts it down. */
export interface A11yBrowser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/**
 * Launches Debian's chromium (`/usr/bin/chromium`, override with `CHROMIUM_PATH`) in a fresh
 * profile directory. `colorScheme` sets `prefers-color-scheme`; default `light`.
 */
export async function launchBrowser(
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<A11yBrowser> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-a11y-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1024, height: 768 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
