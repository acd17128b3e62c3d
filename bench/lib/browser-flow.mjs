// One timed flow in a real browser for the completion-latency benchmark: the host page
// (fixtures/host) with the sandbox's hosted flow in its iframe, channels disabled per mode.
import { createSseParser } from '@dotskit/api/wire';
import { signJwt } from './auth.mjs';

/** One flow, walked in the iframe; resolves the latency and what was disabled. */
export async function once(context, hostUrl, sandboxUrl, mode, sub) {
  const page = await context.newPage();
  let observer;
  try {
    await page.addInitScript(
      ({ hostOrigin, flowOrigin, sse, messages, polling }) => {
        if (window.location.origin !== hostOrigin) return;
        const bench = { abortedStreams: 0, droppedMessages: 0, suppressedTimers: 0 };
        window.__bench = bench;
        if (!sse) {
          // The widget's GET /dots/events fails as a network error would. Done in the page,
          // not with Playwright's page.route, which sends every request of the page (the
          // timed GET /dots/flows/:id too) through the driver process: a cost no host has.
          const original = window.fetch;
          window.fetch = (input, init) => {
            const url = new URL(
              input instanceof Request ? input.url : String(input),
              location.href,
            );
            if (url.pathname === '/dots/events') {
              bench.abortedStreams++;
              return Promise.reject(new TypeError('Failed to fetch'));
            }
            return original(input, init);
          };
        }
        if (!messages) {
          // Registered before any script of the page: stops the flow page's messages
          // before the widget's own listener sees them.
          window.addEventListener(
            'message',
            (e) => {
              if (e.origin === flowOrigin) {
                bench.droppedMessages++;
                e.stopImmediatePropagation();
              }
            },
            true,
          );
        }
        if (!polling) {
          // The widget polls at 2 s, 3.2 s, … (and expires flows after 15 min): timers of
          // 2 s or more never fire, shorter ones (React, reconnects) run as usual.
          const original = window.setTimeout;
          window.setTimeout = (fn, ms, ...args) => {
            if (typeof ms === 'number' && ms >= 2000) {
              bench.suppressedTimers++;
              return original(() => {}, 2 ** 31 - 1);
            }
            return original(fn, ms, ...args);
          };
        }
      },
      {
        hostOrigin: new URL(hostUrl).origin,
        flowOrigin: new URL(sandboxUrl).origin,
        sse: mode.sse,
        messages: mode.messages,
        polling: mode.polling,
      },
    );
    const token = signJwt(sub);
    const steps = JSON.stringify(['manage-payouts']);
    // A second reader of the same principal's stream, outside the browser, so that a
    // failure can say what the broker actually sent.
    if (mode.sse) observer = observeEvents(`${hostUrl}/dots/events`, token);
    const flowOrigin = encodeURIComponent(new URL(sandboxUrl).origin);
    await page.goto(
      `${hostUrl}/index.html?token=${token}&steps=${encodeURIComponent(steps)}&flowOrigin=${flowOrigin}`,
    );
    const iframe = await page.waitForSelector('iframe', { timeout: 15_000 }).catch(async (err) => {
      const error = await page.evaluate(() => window.__bench?.error).catch(() => undefined);
      throw error ? new Error(`the host page shows no flow: ${error}`) : err;
    });
    const frame = await iframe.contentFrame();
    if (!frame) throw new Error('the flow iframe has no frame');
    // Onboarding (not timed): the flow has no user yet, so the page asks who they are.
    await frame.waitForSelector('#f-first_name', { timeout: 15_000 });
    await frame.fill('#f-first_name', 'Bench');
    await frame.fill('#f-last_name', 'Marker');
    await frame.fill('#f-email', `${sub}@example.com`);
    await frame.fill('#f-phone_number', '4155550123');
    await frame.click('#dots-flow form button[type="submit"]');
    // The last step: its form shows once onboarding is done.
    await frame.waitForSelector(
      '#dots-flow form[action*="/steps/manage-payouts"] button[type="submit"]',
      {
        timeout: 15_000,
      },
    );
    // Let the onboarding's own updates (user linked, webhooks) settle before timing.
    await page.waitForTimeout(300);
    const t0 = await frame.evaluate(() => {
      const button = document.querySelector('#dots-flow form button[type="submit"]');
      const t = Date.now();
      button.click();
      return t;
    });
    const waitMs = mode.polling ? 60_000 : 10_000;
    await page
      .waitForFunction(() => window.__bench?.completeAt || window.__bench?.error, null, {
        timeout: waitMs,
      })
      .catch(() => {
        throw new Error(
          `onComplete did not fire within ${waitMs / 1000} s of the last submit${observer ? `; ${observer.describe()}` : ''}`,
        );
      });
    const bench = await page.evaluate(() => window.__bench);
    if (bench.error) throw new Error(`host page error: ${bench.error}`);
    return {
      latency: bench.completeAt - t0,
      // The same principal's stream read in Node: when the broker wrote the flow's event.
      brokerEventMs: observer?.firstFlowEventAfter(t0) ?? null,
      abortedStreams: bench.abortedStreams,
      droppedMessages: bench.droppedMessages,
      suppressedTimers: bench.suppressedTimers,
    };
  } finally {
    observer?.close();
    await page.close().catch(() => {});
  }
}

/** Reads GET /events for `token` in Node and summarises the events seen (for diagnostics). */
function observeEvents(url, token) {
  const ctrl = new AbortController();
  const frames = [];
  const feed = createSseParser((frame) => frames.push({ ...frame, at: Date.now() }));
  fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: ctrl.signal,
  })
    .then(async (res) => {
      const decoder = new TextDecoder();
      for await (const chunk of res.body) feed(decoder.decode(chunk, { stream: true }));
    })
    .catch(() => {});
  return {
    close: () => ctrl.abort(),
    /** ms from `t0` (Date.now()) to the first flow event the broker sent after it. */
    firstFlowEventAfter(t0) {
      const f = frames.find((x) => x.at >= t0 && /^flow\./.test(x.event ?? ''));
      return f ? f.at - t0 : null;
    },
    describe() {
      const last = frames.at(-1);
      if (!last) return 'the broker sent no event on /events for this principal';
      let keys = '?';
      try {
        keys = Object.keys(JSON.parse(last.data)).join(', ');
      } catch {}
      return `the broker sent ${frames.length} event(s) on /events (last: ${last.event}, data keys: ${keys})`;
    },
  };
}
