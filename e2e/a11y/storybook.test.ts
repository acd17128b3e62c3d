import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../lib/static-server';
import { auditPage } from './lib/audit';
import { type A11yBrowser, launchBrowser } from './lib/browser';
import { keyboardDriver, stop } from './lib/keyboard';
import { readStories, storybookBuild } from './lib/storybook-build';

// Every story of the static Storybook build, in the light and dark toolbar themes
// (`globals=theme:…`, which stories pass to <DotsProvider appearance>).

const build = await storybookBuild();
const stories = await readStories(build.dir);

let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: A11yBrowser;

beforeAll(async () => {
  server = await serveStatic(build.dir);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await build.remove();
});

/** Storybook's preview globals this file reads (internal, stable across 8–10). */
interface StorybookWindow {
  __STORYBOOK_PREVIEW__?: { currentRender?: { id?: string; phase?: string } };
  __STORYBOOK_ADDONS_CHANNEL__?: { emit: (event: string, data: unknown) => void };
}

/**
 * Shows a story: the first one by loading `iframe.html` with the theme global, the next
 * ones by asking the loaded preview to switch (`setCurrentStory`, as Storybook's own UI
 * does; ~10× faster than a reload). Waits until the render (loaders, render, play function)
 * has finished, then until the DOM has been quiet for 250 ms (mocked requests and effects
 * settle; capped at 3 s because some stories poll or stay loading on purpose).
 */
async function showStory(page: Page, id: string, theme: 'light' | 'dark') {
  if (!page.url().includes('/iframe.html')) {
    await page.goto(
      `${server.url}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&globals=theme:${theme}`,
    );
  } else {
    await page.evaluate((storyId) => {
      (window as StorybookWindow).__STORYBOOK_ADDONS_CHANNEL__?.emit('setCurrentStory', {
        storyId,
        viewMode: 'story',
      });
    }, id);
  }
  const phase = await page
    .waitForFunction((storyId) => {
      const r = (window as StorybookWindow).__STORYBOOK_PREVIEW__?.currentRender;
      if (r?.id !== storyId) return false;
      return r.phase === 'finished' || r.phase === 'errored' || r.phase === 'aborted'
        ? r.phase
        : false;
    }, id)
    .then((h) => h.jsonValue());
  expect(phase, `story ${id} rendered`).toBe('finished');
  expect(await page.evaluate(() => document.body.className)).toContain('sb-show-main');
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let timer = setTimeout(done, 250);
        const cap = setTimeout(done, 3_000);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, 250);
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        function done() {
          observer.disconnect();
          clearTimeout(timer);
          clearTimeout(cap);
          resolve();
        }
      }),
  );
}

it('the build lists stories', () => {
  expect(stories.length).toBeGreaterThan(0);
});

for (const theme of ['light', 'dark'] as const) {
  describe(`storybook stories, ${theme}`, () => {
    // One page per theme; stories are switched inside it.
    let page: Page;
    beforeAll(async () => {
      page = await browser.context.newPage();
    });
    afterAll(async () => {
      await page?.close();
    });
    for (const story of stories) {
      it(story.id, async ({ task }) => {
        await showStory(page, story.id, theme);
        await auditPage(task, page, `storybook ${theme}`, story.id);
        // axe's frame-title only asks for a title; a screen reader user needs a meaningful one.
        const titles = await page.$$eval('#storybook-root iframe', (frames) =>
          frames.map((f) => f.getAttribute('title') ?? ''),
        );
        for (const title of titles) expect(title).not.toMatch(/^\s*$|^(i?frame|untitled|embed)$/i);
        // Every control of the story shows its focus when reached by Tab.
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        const kb = keyboardDriver(page);
        const stops: string[] = [];
        for (let i = 0; i < 8; i++) {
          const f = await kb.press('Tab');
          if (f.tag === 'BODY' || stops.includes(stop(f))) break;
          stops.push(stop(f));
        }
        expect
          .soft(
            kb.invisible.filter((s) => !s.startsWith('top BODY')),
            `focus visible at every Tab stop (${stops.join(' → ')})`,
          )
          .toEqual([]);
      });
    }
  });
}
