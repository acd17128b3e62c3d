import { describe, expect, it } from 'vitest';
import { fillCompliance, fillOnboarding, logged, SELLERS, screenshot, signIn } from '../lib/demo';
import { useScenario } from '../lib/scenario';

describe('scenario 3: pay someone not yet onboarded with a payout link', () => {
  const s = useScenario('browser');

  it('creates a link, claims it in the modal, and the status reaches paid out live', async () => {
    const page = await s.browser.newPage();
    await signIn(page, s.stack.url, 'Bob', 'get-paid');
    await page.getByRole('button', { name: 'Get paid $25.00' }).click();

    const dialog = page.getByRole('dialog', { name: 'Claim your payout' });
    await dialog.waitFor();
    // The link is its flow's page (as in Dots): the modal opens straight on onboarding,
    // with no claim page of its own in between.
    const src = await dialog.locator('iframe').getAttribute('src');
    expect(new URL(src!).pathname).toMatch(/^\/flow\/[0-9a-f-]{36}$/);
    const frame = page.frameLocator('iframe[title="Claim your payout"]');
    await frame.getByRole('heading', { name: 'Claim your payment' }).waitFor();
    await fillOnboarding(frame, SELLERS.bob);
    // The link's own flow: whatever onboarding steps it has, then the payout.
    const payout = frame.getByRole('button', { name: 'Get paid' });
    const compliance = frame.getByLabel('SSN or EIN');
    await payout.or(compliance).first().waitFor();
    if (await compliance.isVisible()) await fillCompliance(frame);
    await payout.click();
    await frame.getByRole('heading', { name: 'All done' }).waitFor();

    // Without any reload: the link is claimed and its transfer completes; the link's
    // status follows it to its transfer and ends at "Paid out".
    const status = page.locator('[data-payout-link] > .dots-status').first();
    await expect.poll(() => status.getAttribute('data-state')).toBe('paid_out');
    expect(await status.locator('.dots-status-badge').textContent()).toBe('Paid out');
    // A link shown in the page (never sent by sms/email) has no delivery stages.
    expect(await status.locator('li').allTextContents()).toEqual([
      'Created',
      'Claimed',
      'Paid out',
    ]);
    const transfer = page.getByTestId('payout-link-transfer').locator('.dots-status');
    await expect.poll(() => transfer.getAttribute('data-state')).toBe('completed');
    await expect.poll(() => logged(page, 'PayoutLinkButton.onPaidOut').count()).toBe(1);
    expect(await logged(page, 'PayoutLinkButton.onCreated').count()).toBe(1);
    expect(await logged(page, 'PayoutLinkButton.onClaimed').count()).toBe(1);
    await screenshot(page, '3-payout-link-claimed-in-modal');

    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(s.browser.problems).toEqual([]);
    await screenshot(page, '3-payout-link-paid-out');
  });
});
