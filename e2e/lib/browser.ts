import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** A headless Debian chromium with a fresh profile, and what went wrong in its pages. */
export interface E2eBrowser {
  context: BrowserContext;
  /** Console errors and uncaught page errors, per page, in order. */
  problems: string[];
  newPage: () => Promise<Page>;
  close: () => Promise<void>;
}

/**
 * Launches Debian's chromium (`/usr/bin/chromium`, or `CHROMIUM_PATH`) in a fresh profile
 * directory. Every page it opens records console errors and page errors in `problems`.
 */
export async function launchBrowser(
  options: {
    colorScheme?: 'light' | 'dark';
    /** Default 1280×900. */
    viewport?: { width: number; height: number };
  } = {},
): Promise<E2eBrowser> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 900 },
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
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // Failed requests name no URL in their text; the location has it.
      const where = message.location().url;
      problems.push(`console: ${message.text()}${where ? ` (${where})` : ''}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    problems,
    newPage: async () => {
      const page = await context.newPage();
      return page;
    },
    close: async () => {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
