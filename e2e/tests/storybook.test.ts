import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eBrowser, launchBrowser } from '../lib/browser';
import { screenshot } from '../lib/demo';
import { ensureStorybookBuilt, STORYBOOK_STATIC } from '../lib/demo-build';
import { serveStatic } from '../lib/static-server';

const staticDir = STORYBOOK_STATIC;

/** A few stories kept as pictures in `e2e/screenshots/` (each theme). */
const PHOTOGRAPHED = [
  'components-dotsflow--onboarding',
  'components-payoutlinkbutton--popup-blocked',
  'components-payoutstatus--batch-paying-out',
  'components-payoutstatus--transfer-failed',
  'components-payoutstatus--link-paid-out',
  'components-payoutlinkbutton--error-state',
];

interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
  tags?: string[];
}

type Channel = {
  on: (e: string, f: (x?: unknown) => void) => void;
  emit: (e: string, x: unknown) => void;
};

/**
 * Switches the preview to a story the way Storybook's manager does (a `setCurrentStory`
 * message on its channel, no page reload) and resolves with how the render ended:
 * `rendered` (play function included) or the error event Storybook raised.
 */
async function renderStory(page: Page, storyId: string): Promise<string> {
  return page.evaluate(
    (id) =>
      new Promise<string>((resolve) => {
        const w = window as unknown as {
          __STORYBOOK_ADDONS_CHANNEL__: Channel;
          __outcome?: (o: string) => void;
        };
        const channel = w.__STORYBOOK_ADDONS_CHANNEL__;
        const select = () => channel.emit('setCurrentStory', { storyId: id, viewMode: 'story' });
        // Until the preview has finished starting it may miss the first request: repeat it.
        const again = setInterval(select, 3_000);
        const timer = setTimeout(() => w.__outcome?.('no render event within 20 s'), 20_000);
        w.__outcome = (outcome) => {
          clearInterval(again);
          clearTimeout(timer);
          resolve(outcome);
        };
        select();
      }),
    storyId,
  );
}

describe('Storybook static build', () => {
  let browser: E2eBrowser;
  let server: { url: string; close: () => Promise<void> };
  let stories: IndexEntry[];

  beforeAll(async () => {
    // `pnpm build-storybook` normally ran before; (re)build here when it is missing or stale.
    ensureStorybookBuilt();
    const index = JSON.parse(readFileSync(`${staticDir}/index.json`, 'utf8')) as {
      entries: Record<string, IndexEntry>;
    };
    stories = Object.values(index.entries).filter((e) => e.type === 'story');
    server = await serveStatic(staticDir);
    browser = await launchBrowser();
    // Record how each render ends: Storybook announces it on its channel.
    await browser.context.addInitScript(() => {
      const w = window as unknown as {
        __STORYBOOK_ADDONS_CHANNEL__?: { on: (e: string, f: (x?: unknown) => void) => void };
        __outcome?: (o: string) => void;
        __channelReady?: boolean;
      };
      const report = (outcome: string) => {
        const done = w.__outcome;
        w.__outcome = undefined;
        done?.(outcome);
      };
      const attach = () => {
        const channel = w.__STORYBOOK_ADDONS_CHANNEL__;
        if (!channel) {
          setTimeout(attach, 5);
          return;
        }
        w.__channelReady = true;
        channel.on('storyRendered', () => report('rendered'));
        for (const event of [
          'storyErrored',
          'storyThrewException',
          'playFunctionThrewException',
          'storyMissing',
        ]) {
          channel.on(event, (detail) =>
            report(`${event}: ${JSON.stringify(detail)?.slice(0, 300)}`),
          );
        }
      };
      attach();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has stories for every component', () => {
    const titles = new Set(stories.map((s) => s.title));
    for (const component of [
      'DotsFlow',
      'PayoutLinkButton',
      'PayoutStatus',
      'PayoutHistory',
      'WalletBalance',
    ]) {
      expect(
        [...titles].some((t) => t.endsWith(component)),
        component,
      ).toBe(true);
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`renders every story in the ${theme} theme without console errors`, async () => {
      const page = await browser.newPage();
      // One page per theme: the preview starts (and msw's worker with it) once, then
      // switches stories without reloading, as Storybook's own UI does.
      await page.goto(
        `${server.url}/iframe.html?id=${stories[0]!.id}&viewMode=story&globals=theme:${theme}`,
      );
      await page.waitForFunction(() => (window as { __channelReady?: boolean }).__channelReady);
      await page.locator('#storybook-root > *').first().waitFor();
      const failures: string[] = [];
      for (const story of stories) {
        browser.problems.length = 0;
        const outcome = await renderStory(page, story.id);
        // Let the story's effects (requests, stream, iframe load) report any problem.
        await page.waitForLoadState('load');
        await page.waitForTimeout(100);
        if (PHOTOGRAPHED.includes(story.id)) {
          // A flow story is worth a picture once its page has loaded.
          if ((await page.locator('.dots-flow').count()) > 0) {
            await page.locator('.dots-flow[data-state="ready"]').waitFor();
          }
          await screenshot(page, `sb-${theme}-${story.id}`);
        }
        if ((await page.locator('#storybook-root > *').count()) === 0) {
          failures.push(`${story.id}: rendered nothing`);
        }
        const expectedHttp = story.tags?.includes('expected-http-error');
        const problems = browser.problems.filter(
          (p) => !(expectedHttp && /Failed to load resource: the server responded/.test(p)),
        );
        if (outcome !== 'rendered' || problems.length > 0) {
          failures.push(
            `${story.id}: ${outcome}${problems.length ? ` | ${problems.join(' | ')}` : ''}`,
          );
        }
      }
      await page.close();
      expect(failures).toEqual([]);
      expect(stories.length).toBeGreaterThan(20);
    });
  }
});
