import { describe, expect, it } from 'vitest';
import {
  fillCompliance,
  fillOnboarding,
  flowIdOf,
  logged,
  SELLERS,
  saveManagePayouts,
  screenshot,
  signIn,
} from '../lib/demo';
import { useScenario } from '../lib/scenario';

const FLOW = 'iframe[title="Seller onboarding"]';

describe('scenario: a page reload mid-flow resumes it', () => {
  const s = useScenario('browser');

  it('reloads after the first step and finishes the same flow', async () => {
    const page = await s.browser.newPage();
    await signIn(page, s.stack.url, 'Alice');
    const frame = page.frameLocator(FLOW);
    await fillOnboarding(frame, SELLERS.alice);
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
    expect(s.browser.problems).toEqual([]);
    await screenshot(page, '5-reload-resumed-and-completed');
  });
});
