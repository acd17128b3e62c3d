import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  fillCompliance,
  fillOnboarding,
  flowIdOf,
  logged,
  ONBOARDING_FRAME,
  SELLERS,
  saveManagePayouts,
  screenshot,
  signIn,
} from '../lib/demo';
import { useScenario } from '../lib/scenario';

/** Cuts the broker's SSE stream for this page; returns how often the widget tried it. */
async function cutEventStream(page: Page): Promise<{ attempts: () => number }> {
  let attempts = 0;
  await page.route('**/dots/events', (route) => {
    attempts++;
    return route.abort('connectionreset');
  });
  return { attempts: () => attempts };
}

/** The stream being cut makes chromium log a failed request; that one is expected. */
const unexpected = (problems: string[]) =>
  problems.filter((p) => !/net::ERR_CONNECTION_RESET|Failed to load resource/.test(p));

describe('scenario: the flow completes with the SSE stream cut (polling fallback)', () => {
  const s = useScenario('browser');

  it('completes from polling alone when the steps finish server-side (no message, no SSE)', async () => {
    const page = await s.browser.newPage();
    const stream = await cutEventStream(page);
    await signIn(page, s.stack.url, 'Chen');
    await logged(page, 'DotsFlow.onReady').waitFor();
    const flowId = await flowIdOf(page, ONBOARDING_FRAME);

    // The user finishes elsewhere: the sandbox completes every step; the page in the iframe
    // sends nothing, and the event stream is cut, so only polling can tell the widget.
    const done = await fetch(`${s.stack.sandboxUrl}/_sandbox/flows/${flowId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(done.status).toBe(200);

    await page.getByTestId('onboarding-complete').waitFor();
    expect(await logged(page, 'DotsFlow.onComplete').count()).toBe(1);
    expect(stream.attempts()).toBeGreaterThan(0);
    expect(unexpected(s.browser.problems)).toEqual([]);
    await screenshot(page, '4-sse-cut-completed-by-polling');
  });

  it('completes when the user fills the forms with the stream cut', async () => {
    s.browser.problems.length = 0;
    const page = await s.browser.newPage();
    const stream = await cutEventStream(page);
    await signIn(page, s.stack.url, 'Bob');
    const frame = page.frameLocator(ONBOARDING_FRAME);
    await fillOnboarding(frame, SELLERS.bob);
    await fillCompliance(frame);
    await saveManagePayouts(frame);
    await page.getByTestId('onboarding-complete').waitFor();
    expect(await logged(page, 'DotsFlow.onComplete').count()).toBe(1);
    expect(stream.attempts()).toBeGreaterThan(0);
    expect(unexpected(s.browser.problems)).toEqual([]);
  });
});
