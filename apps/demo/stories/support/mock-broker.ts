import { createFakeBroker, type FakeBroker } from '@dotskit/react/testing';
import { delay, HttpResponse, http, passthrough } from 'msw';
import { setupWorker } from 'msw/browser';

/**
 * The network-level broker mock every story runs against: an msw service worker answers
 * `<origin>/dots/*` from `@dotskit/react/testing`'s in-memory fake broker (the broker's
 * HTTP contract, SSE stream included). The components use the real `fetch`, exactly as in
 * an app. Flow and payout-link pages are `fake-flow.html`, a static stand-in for Dots'
 * hosted pages that reads and drives the same fake (it is same-origin).
 */

/** What a story can ask of the mock. */
export interface MockOptions {
  /** Requests whose broker path matches never get an answer (loading states). */
  hang?: RegExp;
  /** Requests whose broker path matches always fail with this status (error states). */
  fail?: { path: RegExp; status: number; code: string };
}

declare global {
  interface Window {
    /** The fake broker of the story on screen; read by `fake-flow.html`. */
    __dotsFakeBroker?: FakeBroker;
  }
}

let current: { fake: FakeBroker; options: MockOptions } | null = null;
let started: Promise<unknown> | null = null;

/** Base path of the mocked broker. */
export const BROKER_PATH = '/dots';

/** Starts the service worker once (Storybook's loaders await it before each story). */
export function startMockWorker(): Promise<unknown> {
  started ??= setupWorker(
    http.all(`${BROKER_PATH}/*`, async ({ request }) => {
      if (!current) return passthrough();
      const { fake, options } = current;
      const url = new URL(request.url);
      const path = url.pathname.slice(BROKER_PATH.length);
      if (options.hang?.test(path)) {
        await delay('infinite');
        return HttpResponse.error();
      }
      if (options.fail?.path.test(path)) {
        const { status, code } = options.fail;
        return HttpResponse.json({ error: { code, message: `Injected ${status}` } }, { status });
      }
      const body = request.method === 'GET' ? undefined : await request.text();
      return fake.fetch(`${fake.url}${path}${url.search}`, {
        method: request.method,
        headers: request.headers,
        body,
        signal: request.signal,
      });
    }),
  ).start({
    serviceWorker: { url: new URL('mockServiceWorker.js', window.location.href).pathname },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  return started;
}

/**
 * A fresh fake broker for one story, made current for the worker and `fake-flow.html`.
 * Its flow links are `<origin>/fake-flow.html#/flow/<id>` (same origin as the story).
 */
export function createStoryBroker(options: MockOptions = {}): FakeBroker {
  const fake = createFakeBroker({
    url: `${window.location.origin}${BROKER_PATH}`,
    // Beside iframe.html, wherever Storybook is served from.
    flowOrigin: `${new URL('fake-flow.html', window.location.href).href}#`,
  });
  current = { fake, options };
  window.__dotsFakeBroker = fake;
  return fake;
}
