import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eBrowser, launchBrowser } from '../lib/browser';
import {
  fillCompliance,
  fillOnboarding,
  flowIdOf,
  logged,
  saveManagePayouts,
  screenshot,
  signIn,
} from '../lib/demo';
import { type Stack, startStack } from '../lib/stack';

const FLOW = 'iframe[title="Seller onboarding"]';

describe('scenario: a page reload mid-flow resumes it', () => {
  let stack: Stack;
  let browser: E2eBrowser;

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('reloads after the first step and finishes the same flow', async () => {
    const page = await browser.newPage();
    await signIn(page, stack.url, 'Alice');
    const frame = page.frameLocator(FLOW);
    await fillOnboarding(frame, {
      first: 'Alice',
      last: 'Moreau',
      email: 'alice@example.com',
      phone: '4155550101',
    });
    await fillCompliance(frame);
    await frame.getByRole('heading', { name: 'Payout method' }).waitFor();
    const before = await flowIdOf(page, FLOW);

    await page.reload();
    // The same flow, at its second step: not a new flow, not back to the start.
    await logged(page, 'DotsFlow.onReady').waitFor();
    expect(await flowIdOf(page, FLOW)).toBe(before);
    await saveManagePayouts(frame);

    await page.getByTestId('onboarding-complete').waitFor();
    expect(await logged(page, 'DotsFlow.onComplete').count()).toBe(1);
    expect(await logged(page, 'DotsFlow.onReady').count()).toBe(1);
    expect(browser.problems).toEqual([]);
    await screenshot(page, '5-reload-resumed-and-completed');
  });
});
