import type { Page } from 'playwright-core';

/** One change of a live region's text, as a screen reader would be told of it. */
export interface LiveChange {
  /** Index of the region in order of appearance. */
  region: number;
  politeness: string;
  text: string;
}

declare global {
  interface Window {
    __a11yLive?: LiveChange[];
  }
}

/**
 * Installs (before any page script runs) a recorder of every DOM change inside an
 * `aria-live` / `role=status|alert` region of the host page: each mutation batch touching
 * a region pushes that region's text, even when the text is set again unchanged, since a
 * screen reader may then announce it again.
 */
export async function recordLiveRegions(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: { region: number; politeness: string; text: string }[] = [];
    window.__a11yLive = log;
    const ids = new WeakMap<Element, number>();
    let next = 0;
    const regionOf = (node: Node | null): Element | null => {
      const el = node instanceof Element ? node : (node?.parentElement ?? null);
      return (
        el?.closest('[aria-live]:not([aria-live="off"]),[role="status"],[role="alert"]') ?? null
      );
    };
    const start = () => {
      new MutationObserver((records) => {
        const touched = new Set<Element>();
        for (const r of records) {
          const region = regionOf(r.target);
          if (region) touched.add(region);
          // A region added with its text already in it is not announced; later changes are.
          for (const added of r.addedNodes) {
            if (added instanceof Element) {
              for (const inner of added.querySelectorAll(
                '[aria-live],[role="status"],[role="alert"]',
              ))
                if (!ids.has(inner)) ids.set(inner, next++);
              if (added.matches('[aria-live],[role="status"],[role="alert"]') && !ids.has(added))
                ids.set(added, next++);
            }
          }
        }
        for (const region of touched) {
          if (!ids.has(region)) ids.set(region, next++);
          const text = (region.textContent ?? '').replace(/\s+/g, ' ').trim();
          if (text === '') continue;
          log.push({
            region: ids.get(region)!,
            politeness: region.getAttribute('aria-live') ?? region.getAttribute('role') ?? '',
            text,
          });
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    };
    if (document.documentElement) start();
    else document.addEventListener('DOMContentLoaded', start);
  });
}

/** The changes recorded so far on the page's top document. */
export const liveChanges = (page: Page) => page.evaluate(() => window.__a11yLive ?? []);
