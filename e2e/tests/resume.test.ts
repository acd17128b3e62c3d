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

describe('scenario: a page reload mid-flow resumes it', () => {
  const s = useScenario('browser');

  it('reloads after the first step and finishes the same flow', async () => {
    const page = await s.browser.newPage();
    await signIn(page, s.stack.url, 'Alice');
    const frame = page.frameLocator(ONBOARDING_FRAME);
    await fillOnboarding(frame, SELLERS.alice);
    await fillCompliance(frame);
    await frame.getByRole('heading', { name: 'Payout method' }).waitFor();
    const before = await flowIdOf(page, ONBOARDING_FRAME);

    await page.reload();
    // The same flow, at its second step: not a new flow, not back to the start.
    await logged(page, 'DotsFlow.onReady').waitFor();
    expect(await flowIdOf(page, ONBOARDING_FRAME)).toBe(before);
    await saveManagePayouts(frame);

    await page.getByTestId('onboarding-complete').waitFor();
    expect(await logged(page, 'DotsFlow.onComplete').count()).toBe(1);
    expect(await logged(page, 'DotsFlow.onReady').count()).toBe(1);
    expect(s.browser.problems).toEqual([]);
    await screenshot(page, '5-reload-resumed-and-completed');
  });
});
