import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  fillCompliance,
  fillOnboarding,
  logged,
  ONBOARDING_FRAME,
  SELLERS,
  saveManagePayouts,
  screenshot,
  signIn,
} from '../lib/demo';
import { useScenario } from '../lib/scenario';

/** The Dots user id the host stored for the signed-in seller (null until linked). */
async function sessionDotsUser(page: Page, url: string): Promise<string | null> {
  const response = await page.request.get(`${url}/api/session`);
  return ((await response.json()) as { dotsUserId: string | null }).dotsUserId;
}

describe('scenario 1: a seller onboards through the embedded flow', () => {
  const s = useScenario('browser');

  it('fills the sandbox forms in the iframe; the app shows complete exactly once', async () => {
    const page = await s.browser.newPage();
    await signIn(page, s.stack.url, 'Alice');
    const frame = page.frameLocator(ONBOARDING_FRAME);
    await fillOnboarding(frame, SELLERS.alice);
    await fillCompliance(frame);
    await saveManagePayouts(frame);

    await expect
      .poll(() => page.getByTestId('onboarding-complete').textContent())
      .toBe('Onboarding complete');
    // The host stored the Dots user the flow gained (broker's onUserLinked, server side).
    await expect.poll(() => sessionDotsUser(page, s.stack.url)).toMatch(/^[0-9a-f-]{36}$/);
    await expect(logged(page, 'DotsFlow.onUserLinked').count()).resolves.toBe(1);
    // All three channels (message, SSE, polling) have had time to report the same completion.
    await page.waitForTimeout(2_500);
    expect(await logged(page, 'DotsFlow.onComplete').count()).toBe(1);
    expect(await logged(page, 'DotsFlow.onStepComplete').count()).toBe(2);
    expect(await page.getByTestId('onboarding-complete').count()).toBe(1);
    expect(s.browser.problems).toEqual([]);
    await screenshot(page, '1-onboarding-complete');
  });
});
