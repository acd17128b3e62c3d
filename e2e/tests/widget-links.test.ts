import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eBrowser, launchBrowser } from '../lib/browser';
import { serveStatic } from '../lib/static-server';

// A broker that answers a `javascript:` link must not get script run in the host's origin,
// whatever the mode. The page bundles the real widgets (from source) with the package's
// fake broker, whose links are `${flowOrigin}/flow/<flow_id>` (as in Dots, a payout link is
// its flow's page); the page's query picks the mode and the link origin. The payload
// writes the host's localStorage and title.
const ENTRY = `
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { DotsProvider, PayoutLinkButton } from '@dotskit/react';
import { createFakeBroker } from '@dotskit/react/testing';
const q = new URLSearchParams(location.search);
const fb = createFakeBroker({ flowOrigin: q.get('origin') });
createRoot(document.getElementById('root')).render(
  h(DotsProvider, { broker: fb.config, flowOrigins: [location.origin] },
    h(PayoutLinkButton, { amount: 100, mode: q.get('mode') })),
);
`;
const PAYLOAD = "javascript:localStorage.setItem('pwned',document.domain);document.title='pwned'//";

describe('payout links: a javascript: link from the broker never runs (Chromium)', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let browser: E2eBrowser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dotskit-links-'));
    await build({
      stdin: { contents: ENTRY, resolveDir: fileURLToPath(new URL('.', import.meta.url)) },
      bundle: true,
      outfile: join(dir, 'app.js'),
      format: 'esm',
      conditions: ['@dotskit/source'],
      define: { 'process.env.NODE_ENV': '"development"' },
      logLevel: 'warning',
    });
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><title>host</title><div id="root"></div><script type="module" src="/app.js"></script>',
    );
    server = await serveStatic(dir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const popups: Page[] = [];
  const open = async (mode: string, origin: string): Promise<Page> => {
    const page = await browser.newPage();
    page.on('popup', (p) => popups.push(p));
    await page.goto(`${server.url}/?mode=${mode}&origin=${encodeURIComponent(origin)}`);
    await page.getByRole('button', { name: 'Get paid' }).click();
    return page;
  };
  const pwned = (page: Page) => page.evaluate(() => localStorage.getItem('pwned'));

  for (const mode of ['redirect', 'popup', 'modal'])
    it(`${mode} mode: error state with untrusted_link, no script ran`, async () => {
      const page = await open(mode, PAYLOAD);
      const root = page.locator('.dots-payout');
      await expect.poll(() => root.getAttribute('data-state')).toBe('error');
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('(untrusted_link)');
      // The popup the click opened (popup mode) was closed without being pointed at it.
      expect(popups.length).toBe(mode === 'popup' ? 1 : 0);
      for (const p of popups.splice(0)) await expect.poll(() => p.isClosed()).toBe(true);
      expect(await page.title()).toBe('host');
      expect(await pwned(page)).toBeNull();
      expect(await page.locator('iframe').count()).toBe(0);
      await page.close();
    });

  it('control: an allowed (listed) origin is navigated to in redirect mode', async () => {
    // The host lists its own origin, so the fake's link there passes the check.
    const page = await open('redirect', server.url);
    await page.waitForURL(/\/flow\/[^/]+$/);
    expect(page.url().startsWith(`${server.url}/flow/`)).toBe(true);
    await page.close();
  });
});
