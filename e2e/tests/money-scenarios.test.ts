import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { logged, onboard, SELLERS, screenshot, signIn } from '../lib/demo';
import { useScenario } from '../lib/scenario';

describe('scenarios 2, 4 and 5: wallet, weekly batch, change payout method', () => {
  const s = useScenario('browser');
  let page: Page;

  beforeAll(async () => {
    page = await s.browser.newPage();
    await signIn(page, s.stack.url, 'Chen');
    await onboard(page, SELLERS.chen);
  });

  it('2: the server funds the wallet, the transfer completes, the seller withdraws', async () => {
    await page.goto(`${s.stack.url}/#/wallet`);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('button', { name: 'Fund my wallet with $25.00' }).click();
    const transfer = page.locator('.status-list .dots-status').first();
    await expect.poll(() => transfer.getAttribute('data-state')).toBe('completed');
    await expect(transfer.textContent()).resolves.toContain('$25.00');
    const balance = page.locator('.dots-wallet [data-amount="balance"]');
    await expect.poll(() => balance.textContent()).toBe('$25.00');

    await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    const frame = page.frameLocator('iframe[title="Withdraw funds"]');
    await frame.getByRole('button', { name: 'Withdraw' }).click();
    // Once the broker confirms the step, the widget replaces the iframe with its own notice.
    await page.locator('.dots-modal .dots-flow[data-state="complete"]').waitFor();
    await expect.poll(() => logged(page, 'WalletBalance.onWithdrawn').count()).toBe(1);
    await expect.poll(() => balance.textContent()).toBe('$0.00');
    expect(s.browser.problems).toEqual([]);
    await screenshot(page, '6-wallet-funded-and-withdrawn');
  });

  it('4: the weekly batch shows its counts until completed', async () => {
    await page.goto(`${s.stack.url}/#/weekly-batch`);
    await page.getByRole('button', { name: 'Run this week’s batch' }).click();
    const batch = page.locator('.status-list .dots-status').first();
    await expect.poll(() => batch.getAttribute('data-state')).toBe('completed');
    const counts = await batch.locator('dd').allTextContents();
    expect(counts).toEqual(['3', '3', '0']);
    expect(s.browser.problems).toEqual([]);
    await screenshot(page, '7-weekly-batch-completed');
  });

  it('5: the seller comes back and changes the payout method', async () => {
    await page.goto(`${s.stack.url}/#/payout-method`);
    const frame = page.frameLocator('iframe[title="Manage payout methods"]');
    await frame.getByRole('radio', { name: 'Venmo' }).check();
    await frame.getByLabel('Venmo phone number').fill('4155550199');
    await frame.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Payout method saved').waitFor();
    await page.locator('.dots-flow[data-state="complete"]').waitFor();
    expect(s.browser.problems).toEqual([]);
    await screenshot(page, '8-payout-method-changed');
  });
});
